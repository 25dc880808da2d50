import { Injectable } from '@nestjs/common';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { IntakeSealedColumns, SEALED_ASSESSMENT } from '../cases/sealed-columns.js';
import { Assessment, PlanItem } from './assessment.entities.js';

/** Needs assessments (in her words, sealed with her data key) and the case's plan of services. */
@Injectable()
export class AssessmentRepository {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  async insert(tx: Transaction, fields: Partial<Assessment>): Promise<Assessment> {
    const [assessment] = await this.sealed.insert(tx.manager, SEALED_ASSESSMENT, [fields]);
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
