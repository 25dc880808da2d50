import { MigrationInterface, QueryRunner } from 'typeorm';

/** Repatriation journeys with their legs and hand-over; reintegration plans with their follow-up visits. */
export class ReintegrationRecords1763900007000 implements MigrationInterface {
  name = 'ReintegrationRecords1763900007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE repatriation_journey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL UNIQUE REFERENCES incoming_referral (referral_id),
        state text NOT NULL CHECK (state IN ('planned', 'travelling', 'handed-over')),
        origin_country text NOT NULL CHECK (origin_country ~ '^[A-Z]{2}$'),
        origin_place text NOT NULL,
        port_of_entry text,
        escort_id text NOT NULL,
        destination_district text NOT NULL,
        planned_by text NOT NULL,
        planned_at timestamptz NOT NULL DEFAULT now(),
        started_on date,
        handed_over_at timestamptz,
        handover_to text CHECK (handover_to IN ('agency', 'family')),
        handover_agency_id text,
        handover_family_relation text,
        received_by text,
        handover_note text,
        handed_over_by text,
        CHECK (state = 'planned' OR started_on IS NOT NULL),
        CHECK (state <> 'handed-over' OR (handed_over_at IS NOT NULL AND handover_to IS NOT NULL)),
        CHECK (handover_to IS NULL OR (handover_to = 'agency') = (handover_agency_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX repatriation_journey_state ON repatriation_journey (state, planned_at)`);
    await q.query(`
      CREATE TABLE repatriation_leg (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES repatriation_journey (id),
        seq int NOT NULL,
        from_place text NOT NULL,
        to_place text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('sea', 'air', 'land')),
        depart_on date NOT NULL,
        arrive_on date,
        UNIQUE (journey_id, seq),
        CHECK (arrive_on IS NULL OR arrive_on >= depart_on)
      )`);
    await q.query(`
      CREATE TABLE reintegration_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL UNIQUE REFERENCES incoming_referral (referral_id),
        components jsonb NOT NULL,
        made_by text NOT NULL,
        made_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_on date,
        result text CHECK (result IN ('goals-met', 'partly-met', 'stopped-early')),
        completion_note text,
        completed_by text
      )`);
    await q.query(`
      CREATE TABLE follow_up_visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES reintegration_plan (id),
        visited_on date NOT NULL,
        visited_by text NOT NULL,
        outcome text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX follow_up_visit_plan ON follow_up_visit (plan_id, visited_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follow_up_visit`);
    await q.query(`DROP TABLE reintegration_plan`);
    await q.query(`DROP TABLE repatriation_leg`);
    await q.query(`DROP TABLE repatriation_journey`);
  }
}
