import { Injectable } from '@nestjs/common';
import type { CountedPerpetrator } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { CaseFact } from '../projections/facts.entities.js';

/** `case_fact` and `perpetrator_fact`: a case and its perpetrators, each written once by its own key. */
@Injectable()
export class CaseFactsRepository {
  /** The case; a redelivery is ignored. */
  async insertCase(tx: Transaction, fact: CaseFact): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(CaseFact).values(fact).orIgnore().execute();
  }

  /** Perpetrators by position in the case: a redelivery writes the same rows, ignored. */
  async insertPerpetrators(tx: Transaction, caseId: string, perpetrators: readonly CountedPerpetrator[]): Promise<void> {
    for (const [position, perp] of perpetrators.entries()) {
      await tx.manager.query(
        `INSERT INTO perpetrator_fact (case_id, position, sex, age_band, child, relation) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [caseId, position, perp.sex ?? null, perp.ageBand ?? null, perp.child, perp.relation],
      );
    }
  }
}
