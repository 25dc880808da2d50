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

  /** Many cases in one statement (a rebuild); those there are ignored, as `insertCase` does. */
  async insertCases(tx: Transaction, facts: readonly CaseFact[]): Promise<void> {
    if (!facts.length) return;
    await tx.manager.query(
      `INSERT INTO case_fact (case_id, source_agency, kind, channel, month, incident_month, district, violence_types, place, perpetrator_relation)
       SELECT case_id, source_agency, kind, channel, month, incident_month, district, violence_types, place, perpetrator_relation
         FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, source_agency text, kind text, channel text, month text, incident_month text,
           district text, violence_types text[], place text, perpetrator_relation text)
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          facts.map((f) => ({
            case_id: f.caseId,
            source_agency: f.sourceAgency,
            kind: f.kind,
            channel: f.channel,
            month: f.month,
            incident_month: f.incidentMonth,
            district: f.district,
            violence_types: f.violenceTypes,
            place: f.place,
            perpetrator_relation: f.perpetratorRelation,
          })),
        ),
      ],
    );
  }

  /** The perpetrators of many cases in one statement, as `insertPerpetrators` writes them. */
  async insertPerpetratorsOf(
    tx: Transaction,
    cases: ReadonlyArray<{ caseId: string; perpetrators: readonly CountedPerpetrator[] }>,
  ): Promise<void> {
    const rows = cases.flatMap(({ caseId, perpetrators }) =>
      perpetrators.map((perp, position) => ({
        case_id: caseId,
        position,
        sex: perp.sex ?? null,
        age_band: perp.ageBand ?? null,
        child: perp.child,
        relation: perp.relation,
      })),
    );
    if (!rows.length) return;
    await tx.manager.query(
      `INSERT INTO perpetrator_fact (case_id, position, sex, age_band, child, relation)
       SELECT case_id, position, sex, age_band, child, relation
         FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, position int, sex text, age_band text, child boolean, relation text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
