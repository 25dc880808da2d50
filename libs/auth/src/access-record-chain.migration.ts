import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACCESS_RECORD_CHAIN_LOCK } from './access-record-chain.js';

/**
 * Makes the access record append-only and hash-chained (docs/security.md).
 *
 * Every row gets, under one advisory lock, the next `seq`, the previous row's
 * hash and its own hash over its content and that previous hash; the database
 * computes them in a BEFORE INSERT trigger, so every writer chains alike and
 * none can choose its own values. The lock is held from the insert to the
 * commit: the node writes its rows as the last step of a transaction (see
 * AccessRecordInterceptor), so requests queue only for that moment.
 *
 * UPDATE, DELETE and TRUNCATE are refused by a statement trigger, whoever
 * asks, the owner too; a superuser can still get past triggers, and that is
 * what the chain and the signed heads are for.
 */
export class AccessRecordChain1763900000210 implements MigrationInterface {
  name = 'AccessRecordChain1763900000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_record ADD COLUMN seq bigint UNIQUE, ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    // One field: 'n' for null, else 's' and its UTF-8 bytes in hex (unambiguous whatever the text holds).
    await q.query(`
      CREATE FUNCTION access_record_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT coalesce('s' || encode(convert_to(v, 'UTF8'), 'hex'), 'n') $$`);
    // The row's hash: sha256 of the previous hash, ':', and its fields joined with '.' (accessRecordDigest in TypeScript).
    await q.query(`
      CREATE FUNCTION access_record_digest(prev text, r access_record) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(prev || ':' || concat_ws('.',
          r.seq::text,
          (extract(epoch FROM r.at) * 1000)::bigint::text,
          access_record_field(r.staff_id),
          access_record_field(r.role),
          access_record_field(r.action),
          access_record_field(r.resource),
          access_record_field(r.resource_id),
          access_record_field(r.route),
          access_record_field(r.from_address),
          CASE WHEN r.not_owner THEN 't' ELSE 'f' END,
          access_record_field(r.outcome)), 'UTF8')), 'hex')
      $$`);
    // Existing rows, in the order they were written.
    await q.query(`
      DO $$
      DECLARE r access_record; prev text := repeat('0', 64); n bigint := 0;
      BEGIN
        FOR r IN SELECT * FROM access_record ORDER BY id LOOP
          n := n + 1;
          r.seq := n;
          r.at := date_trunc('milliseconds', r.at);
          UPDATE access_record SET seq = n, at = r.at, prev_hash = prev, hash = access_record_digest(prev, r) WHERE id = r.id
            RETURNING hash INTO prev;
        END LOOP;
      END $$`);
    await q.query(
      `ALTER TABLE access_record ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION access_record_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head record;
      BEGIN
        PERFORM pg_advisory_xact_lock(${ACCESS_RECORD_CHAIN_LOCK});
        -- A fresh snapshot (READ COMMITTED): the row the last lock holder committed.
        SELECT seq, hash INTO head FROM access_record ORDER BY seq DESC LIMIT 1;
        NEW.at := date_trunc('milliseconds', coalesce(NEW.at, now()));
        NEW.seq := coalesce(head.seq, 0) + 1;
        NEW.prev_hash := coalesce(head.hash, repeat('0', 64));
        NEW.hash := access_record_digest(NEW.prev_hash, NEW);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER access_record_link BEFORE INSERT ON access_record FOR EACH ROW EXECUTE FUNCTION access_record_link()`);
    await q.query(`
      CREATE FUNCTION access_record_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // Statement triggers: they fire even when no row matches, and TRUNCATE has no rows at all.
    await q.query(`
      CREATE TRIGGER access_record_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_record
      FOR EACH STATEMENT EXECUTE FUNCTION access_record_refuse()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER access_record_append_only ON access_record`);
    await q.query(`DROP TRIGGER access_record_link ON access_record`);
    await q.query(`DROP FUNCTION access_record_refuse()`);
    await q.query(`DROP FUNCTION access_record_link()`);
    await q.query(`DROP FUNCTION access_record_digest(text, access_record)`);
    await q.query(`DROP FUNCTION access_record_field(text)`);
    await q.query(`ALTER TABLE access_record DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}
