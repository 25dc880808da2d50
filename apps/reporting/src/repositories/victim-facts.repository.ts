import { Injectable } from '@nestjs/common';
import type { CountedVictim } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';

/**
 * Victims as reporting counts them, applied by intake's per-victim sequence
 * (design.md section 9) so that every arrival order gives the same rows:
 * - consent: the statement (her registration, a withdrawal, a re-giving) with
 *   the highest sequence holds; `victim_consent` keeps it, even before her
 *   registration has arrived;
 * - attributes (case, sex, age band...): the registration with the lowest
 *   sequence holds, as when a second report of her attaches to the first.
 * Events without a sequence (older producers) are applied as they arrive,
 * last write wins, as before.
 */
@Injectable()
export class VictimFactsRepository {
  /** The victims of one registered case. */
  async registerVictims(tx: Transaction, caseId: string, victims: readonly CountedVictim[]): Promise<void> {
    for (const v of victims) {
      // Sent for the duty policy only: never counted under consent, whatever else it says.
      const consented = v.dutyOnly ? false : (v.statisticsConsent ?? true);
      const values = [
        v.victimId,
        caseId,
        v.sex,
        v.ageBand,
        v.child,
        v.district,
        v.education ?? null,
        v.ageBandAtIncident ?? null,
        v.childAtIncident ?? null,
        v.occupation ?? null,
        v.disabilities ?? null,
      ];
      if (v.sequence === undefined) {
        await tx.manager.query(
          `INSERT INTO victim_fact (victim_id, case_id, sex, age_band, child, district, education, age_band_at_incident, child_at_incident,
             occupation, disabilities, consented)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (victim_id) DO NOTHING`,
          [...values, consented],
        );
        continue;
      }
      await this.keepConsent(tx, v.victimId, consented, v.sequence);
      // An unsequenced row (older producer) is kept: nothing says which came first.
      await tx.manager.query(
        `INSERT INTO victim_fact (victim_id, case_id, sex, age_band, child, district, education, age_band_at_incident, child_at_incident,
           occupation, disabilities, consented, registered_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12)
         ON CONFLICT (victim_id) DO UPDATE SET case_id = EXCLUDED.case_id, sex = EXCLUDED.sex, age_band = EXCLUDED.age_band,
           child = EXCLUDED.child, district = EXCLUDED.district, education = EXCLUDED.education,
           age_band_at_incident = EXCLUDED.age_band_at_incident, child_at_incident = EXCLUDED.child_at_incident,
           occupation = EXCLUDED.occupation, disabilities = EXCLUDED.disabilities, registered_sequence = EXCLUDED.registered_sequence
         WHERE victim_fact.registered_sequence > EXCLUDED.registered_sequence`,
        [...values, v.sequence],
      );
      await this.syncConsent(tx, v.victimId);
    }
  }

  /**
   * The victims of many cases (a rebuild), no victim twice: the same rows as
   * `registerVictims` for each, in five statements.
   */
  async registerVictimsOf(tx: Transaction, cases: ReadonlyArray<{ caseId: string; victims: readonly CountedVictim[] }>): Promise<void> {
    const rows = cases.flatMap(({ caseId, victims }) =>
      victims.map((v) => ({
        victim_id: v.victimId,
        case_id: caseId,
        sex: v.sex,
        age_band: v.ageBand,
        child: v.child,
        district: v.district,
        education: v.education ?? null,
        age_band_at_incident: v.ageBandAtIncident ?? null,
        child_at_incident: v.childAtIncident ?? null,
        occupation: v.occupation ?? null,
        disabilities: v.disabilities ?? null,
        consented: v.dutyOnly ? false : (v.statisticsConsent ?? true),
        sequence: v.sequence ?? null,
      })),
    );
    const columns = `victim_id uuid, case_id uuid, sex text, age_band text, child boolean, district text, education text,
      age_band_at_incident text, child_at_incident boolean, occupation text, disabilities text[], consented boolean, sequence bigint`;
    const unsequenced = rows.filter((r) => r.sequence === null);
    if (unsequenced.length) {
      await tx.manager.query(
        `INSERT INTO victim_fact (victim_id, case_id, sex, age_band, child, district, education, age_band_at_incident, child_at_incident,
           occupation, disabilities, consented)
         SELECT victim_id, case_id, sex, age_band, child, district, education, age_band_at_incident, child_at_incident, occupation,
           disabilities, consented
           FROM jsonb_to_recordset($1::jsonb) AS r(${columns})
         ON CONFLICT (victim_id) DO NOTHING`,
        [JSON.stringify(unsequenced)],
      );
    }
    const sequenced = rows.filter((r) => r.sequence !== null);
    if (!sequenced.length) return;
    await this.keepConsents(
      tx,
      sequenced.map((r) => ({ victimId: r.victim_id, consented: r.consented, sequence: r.sequence! })),
    );
    await tx.manager.query(
      `INSERT INTO victim_fact (victim_id, case_id, sex, age_band, child, district, education, age_band_at_incident, child_at_incident,
         occupation, disabilities, consented, registered_sequence)
       SELECT victim_id, case_id, sex, age_band, child, district, education, age_band_at_incident, child_at_incident, occupation,
         disabilities, true, sequence
         FROM jsonb_to_recordset($1::jsonb) AS r(${columns})
       ON CONFLICT (victim_id) DO UPDATE SET case_id = EXCLUDED.case_id, sex = EXCLUDED.sex, age_band = EXCLUDED.age_band,
         child = EXCLUDED.child, district = EXCLUDED.district, education = EXCLUDED.education,
         age_band_at_incident = EXCLUDED.age_band_at_incident, child_at_incident = EXCLUDED.child_at_incident,
         occupation = EXCLUDED.occupation, disabilities = EXCLUDED.disabilities, registered_sequence = EXCLUDED.registered_sequence
       WHERE victim_fact.registered_sequence > EXCLUDED.registered_sequence`,
      [JSON.stringify(sequenced)],
    );
    await this.syncConsents(
      tx,
      sequenced.map((r) => r.victim_id),
    );
  }

  /** Many victims' consent changes (a rebuild), no victim twice: the same rows as `changeConsent` for each. */
  async changeConsents(
    tx: Transaction,
    changes: ReadonlyArray<{ victimId: string; consented: boolean; sequence: number | undefined }>,
  ): Promise<void> {
    const unsequenced = changes.filter((c) => c.sequence === undefined);
    if (unsequenced.length) {
      await tx.manager.query(
        `UPDATE victim_fact f SET consented = c.consented FROM unnest($1::uuid[], $2::boolean[]) AS c(victim_id, consented)
          WHERE f.victim_id = c.victim_id`,
        [unsequenced.map((c) => c.victimId), unsequenced.map((c) => c.consented)],
      );
    }
    const sequenced = changes.filter((c) => c.sequence !== undefined);
    if (!sequenced.length) return;
    await this.keepConsents(
      tx,
      sequenced.map((c) => ({ victimId: c.victimId, consented: c.consented, sequence: c.sequence! })),
    );
    await this.syncConsents(
      tx,
      sequenced.map((c) => c.victimId),
    );
  }

  /** Her consent to statistics changed at intake. */
  async changeConsent(tx: Transaction, victimId: string, consented: boolean, sequence: number | undefined): Promise<void> {
    if (sequence === undefined) {
      await tx.manager.query(`UPDATE victim_fact SET consented = $2 WHERE victim_id = $1`, [victimId, consented]);
      return;
    }
    await this.keepConsent(tx, victimId, consented, sequence);
    await this.syncConsent(tx, victimId);
  }

  /**
   * Keeps the statement if it is newer than the one held. The upsert locks her
   * row until commit, so two of her events never interleave.
   */
  private async keepConsent(tx: Transaction, victimId: string, consented: boolean, sequence: number): Promise<void> {
    await tx.manager.query(
      `INSERT INTO victim_consent (victim_id, consented, sequence) VALUES ($1, $2, $3)
       ON CONFLICT (victim_id) DO UPDATE SET consented = EXCLUDED.consented, sequence = EXCLUDED.sequence
       WHERE victim_consent.sequence < EXCLUDED.sequence`,
      [victimId, consented, sequence],
    );
  }

  private async syncConsent(tx: Transaction, victimId: string): Promise<void> {
    await tx.manager.query(
      `UPDATE victim_fact f SET consented = c.consented FROM victim_consent c WHERE f.victim_id = $1 AND c.victim_id = $1`,
      [victimId],
    );
  }

  /** `keepConsent` for many victims, none twice, in one statement. */
  private async keepConsents(
    tx: Transaction,
    rows: ReadonlyArray<{ victimId: string; consented: boolean; sequence: number }>,
  ): Promise<void> {
    await tx.manager.query(
      `INSERT INTO victim_consent (victim_id, consented, sequence) SELECT * FROM unnest($1::uuid[], $2::boolean[], $3::bigint[])
       ON CONFLICT (victim_id) DO UPDATE SET consented = EXCLUDED.consented, sequence = EXCLUDED.sequence
       WHERE victim_consent.sequence < EXCLUDED.sequence`,
      [rows.map((r) => r.victimId), rows.map((r) => r.consented), rows.map((r) => r.sequence)],
    );
  }

  private async syncConsents(tx: Transaction, victimIds: readonly string[]): Promise<void> {
    await tx.manager.query(
      `UPDATE victim_fact f SET consented = c.consented FROM victim_consent c WHERE f.victim_id = ANY($1::uuid[]) AND c.victim_id = f.victim_id`,
      [victimIds],
    );
  }
}
