import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { FunctionRow } from '../tables/facts.js';

/** `function_fact`: one row per recorded UPTD PPA function, written once by its record id. */
@Injectable()
export class FunctionFactsRepository {
  async insert(tx: Transaction, fact: FunctionRow & { agencyId: string }): Promise<void> {
    await tx.manager.query(
      `INSERT INTO function_fact (record_id, function, outcome, destination, victim_id, month, district, agency_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (record_id) DO NOTHING`,
      [fact.recordId, fact.function, fact.outcome, fact.destination, fact.victimId, fact.month, fact.district, fact.agencyId],
    );
  }

  /** Many in one statement (a rebuild), as `insert` writes them. */
  async insertMany(tx: Transaction, facts: ReadonlyArray<FunctionRow & { agencyId: string }>): Promise<void> {
    if (!facts.length) return;
    await tx.manager.query(
      `INSERT INTO function_fact (record_id, function, outcome, destination, victim_id, month, district, agency_id)
       SELECT record_id, function, outcome, destination, victim_id, month, district, agency_id
         FROM jsonb_to_recordset($1::jsonb) AS r(record_id uuid, function text, outcome text, destination text, victim_id uuid, month text,
           district text, agency_id text)
       ON CONFLICT (record_id) DO NOTHING`,
      [
        JSON.stringify(
          facts.map((f) => ({
            record_id: f.recordId,
            function: f.function,
            outcome: f.outcome,
            destination: f.destination,
            victim_id: f.victimId,
            month: f.month,
            district: f.district,
            agency_id: f.agencyId,
          })),
        ),
      ],
    );
  }
}
