import { Injectable } from '@nestjs/common';
import type { ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { AssessmentRepository } from '../assessment/assessment.repository.js';
import { assertVictimOfCase } from '../assessment/victim-of-case.js';
import { CaseRepository } from '../cases/case.repository.js';
import { CasePlanQuery } from '../queries/case-plan.query.js';

/** The plan of services a victim's assessment leads to. */
@Injectable()
export class PlanServicesService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly assessments: AssessmentRepository,
    private readonly plans: CasePlanQuery,
  ) {}

  /** Adds the services a victim needs to the case's plan (a service already planned is kept once); returns the plan. */
  async addToPlan(tx: Transaction, caseId: string, victimId: string, services: ServiceType[], staff: Principal) {
    await assertVictimOfCase(tx, this.cases, caseId, victimId, 'plans');
    await this.assessments.addToPlan(tx, caseId, victimId, services, staff.staffId);
    return this.plans.ofCase(tx, caseId);
  }
}
