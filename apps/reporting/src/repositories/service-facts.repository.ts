import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { ServiceRow } from '../tables/facts.js';

/** `service_fact`: one row per recorded service, written once by its record id. */
@Injectable()
export class ServiceFactsRepository {
  async insert(tx: Transaction, fact: ServiceRow & { referralId: string | null }): Promise<void> {
    await tx.manager.query(
      `INSERT INTO service_fact (record_id, case_id, victim_id, referral_id, service, activity, indicator, outcome, month, agency_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (record_id) DO NOTHING`,
      [
        fact.recordId,
        fact.caseId,
        fact.victimId,
        fact.referralId,
        fact.service,
        fact.activity,
        fact.indicator,
        fact.outcome,
        fact.month,
        fact.agencyId,
      ],
    );
  }
}
