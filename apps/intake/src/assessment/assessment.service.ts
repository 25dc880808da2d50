import { Injectable, NotFoundException } from '@nestjs/common';
import type { ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { CasePlanQuery } from '../queries/case-plan.query.js';
import type { Assessment } from './assessment.entities.js';
import { AssessmentRepository } from './assessment.repository.js';

export interface AssessmentFindings {
  biological?: string;
  psychological?: string;
  social?: string;
  spiritual?: string;
  needsInOwnWords: string;
  expectations?: string;
}

/** A victim's needs assessment, and the plan of services it leads to. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly assessments: AssessmentRepository,
    private readonly plans: CasePlanQuery,
  ) {}

  async assess(tx: Transaction, caseId: string, victimId: string, findings: AssessmentFindings, staff: Principal): Promise<Assessment> {
    await this.victimOf(tx, caseId, victimId);
    return this.assessments.insert(tx, { victimId, ...findings, assessedBy: staff.staffId });
  }

  /** Adds the services a victim needs to the case's plan (a service already planned is kept once); returns the plan. */
  async addToPlan(tx: Transaction, caseId: string, victimId: string, services: ServiceType[], staff: Principal) {
    await this.victimOf(tx, caseId, victimId);
    await this.assessments.addToPlan(tx, caseId, victimId, services, staff.staffId);
    return this.plans.ofCase(tx, caseId);
  }

  private async victimOf(tx: Transaction, caseId: string, victimId: string): Promise<void> {
    if (!(await this.cases.isVictimOf(tx, victimId, caseId))) throw new NotFoundException('no such victim in this case');
  }
}
