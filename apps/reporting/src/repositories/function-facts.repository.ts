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
}
