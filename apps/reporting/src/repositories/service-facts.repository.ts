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

  /** Many in one statement (a rebuild), as `insert` writes them. */
  async insertMany(tx: Transaction, facts: ReadonlyArray<ServiceRow & { referralId: string | null }>): Promise<void> {
    if (!facts.length) return;
    await tx.manager.query(
      `INSERT INTO service_fact (record_id, case_id, victim_id, referral_id, service, activity, indicator, outcome, month, agency_id)
       SELECT record_id, case_id, victim_id, referral_id, service, activity, indicator, outcome, month, agency_id
         FROM jsonb_to_recordset($1::jsonb) AS r(record_id uuid, case_id uuid, victim_id uuid, referral_id uuid, service text, activity text,
           indicator text, outcome text, month text, agency_id text)
       ON CONFLICT (record_id) DO NOTHING`,
      [
        JSON.stringify(
          facts.map((f) => ({
            record_id: f.recordId,
            case_id: f.caseId,
            victim_id: f.victimId,
            referral_id: f.referralId,
            service: f.service,
            activity: f.activity,
            indicator: f.indicator,
            outcome: f.outcome,
            month: f.month,
            agency_id: f.agencyId,
          })),
        ),
      ],
    );
  }
}
