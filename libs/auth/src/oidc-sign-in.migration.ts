import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing in through the agency's identity provider: a staff account linked
 * to the provider's issuer and subject (no password of its own), and the
 * sign-ins under way (state kept only as its hash, with the nonce and the
 * PKCE verifier), each taken once and gone after ten minutes.
 */
export class AuthOidcSignIn1763900000960 implements MigrationInterface {
  name = 'AuthOidcSignIn1763900000960';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_account
        ALTER COLUMN password_hash DROP NOT NULL,
        ADD COLUMN oidc_issuer text,
        ADD COLUMN oidc_subject text,
        ADD CONSTRAINT staff_account_oidc_pair CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)),
        ADD CONSTRAINT staff_account_password_or_provider CHECK (password_hash IS NOT NULL OR oidc_subject IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX staff_account_oidc ON staff_account (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL`);
    await q.query(`
      CREATE TABLE oidc_sign_in (
        state_hash text PRIMARY KEY,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX oidc_sign_in_expires ON oidc_sign_in (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_sign_in`);
    await q.query(`DELETE FROM staff_account WHERE password_hash IS NULL`);
    await q.query(`DROP INDEX staff_account_oidc`);
    await q.query(`
      ALTER TABLE staff_account
        DROP CONSTRAINT staff_account_password_or_provider,
        DROP CONSTRAINT staff_account_oidc_pair,
        DROP COLUMN oidc_subject,
        DROP COLUMN oidc_issuer,
        ALTER COLUMN password_hash SET NOT NULL`);
  }
}
