import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralInbox1763900000100 implements MigrationInterface {
  name = 'ReferralInbox1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incoming_referral (
        referral_id uuid PRIMARY KEY,
        case_id uuid,
        victim_id uuid,
        service text,
        from_agency text NOT NULL,
        state text NOT NULL,
        person jsonb NOT NULL DEFAULT '{}',
        consent_override_reason text,
        decline_reason text,
        revoke_reason text,
        completion_note text,
        requested_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX incoming_referral_state ON incoming_referral (state, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incoming_referral`);
  }
}

export class ReferralAssignee1763900000300 implements MigrationInterface {
  name = 'ReferralAssignee1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_referral ADD COLUMN assignee_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_referral DROP COLUMN assignee_id`);
  }
}

/** Intake's pseudonymous ids, carried by the referral, for de-identified service events. */
export class ReferralStatisticsIds1763900000400 implements MigrationInterface {
  name = 'ReferralStatisticsIds1763900000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_referral ADD COLUMN statistics jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_referral DROP COLUMN statistics`);
  }
}

/** A decline's code from the vocabulary, beside its note (reporting counts by it). */
export class ReferralDeclineCode1763900000727 implements MigrationInterface {
  name = 'ReferralDeclineCode1763900000727';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_referral ADD COLUMN decline_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_referral DROP COLUMN decline_code`);
  }
}

/**
 * Forgets intake's reporting pseudonyms the referrals once carried: a service
 * agency holding them beside a victim's name could find her in reporting's
 * rows. Its service facts now go to intake, which alone maps them
 * (docs/reporting.md). The column stays, empty, for older code paths.
 */
export class ReferralStatisticsForgotten1763900000800 implements MigrationInterface {
  name = 'ReferralStatisticsForgotten1763900000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE incoming_referral SET statistics = NULL WHERE statistics IS NOT NULL`);
  }

  async down(): Promise<void> {
    // What was forgotten is not brought back.
  }
}
