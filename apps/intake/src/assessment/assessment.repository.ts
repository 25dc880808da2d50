import { Injectable } from '@nestjs/common';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { Assessment, PlanItem } from './assessment.entities.js';

/** Needs assessments and the case's plan of services. */
@Injectable()
export class AssessmentRepository {
  async insert(tx: Transaction, fields: Partial<Assessment>): Promise<Assessment> {
    const assessment = tx.manager.getRepository(Assessment).create(fields);
    await tx.manager.getRepository(Assessment).insert(assessment);
    return assessment;
  }

  /** Adds services to the plan; a service already planned for her is kept once. */
  async addToPlan(tx: Transaction, caseId: string, victimId: string, services: ServiceType[], addedBy: string): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(PlanItem)
      .values(services.map((service) => ({ caseId, victimId, service, addedBy })))
      .orIgnore()
      .execute();
  }
}
