import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessRecord } from './access-record.entity.js';
import type { Role } from './roles.js';
import { StaffAccount, type StaffAccountView } from './staff-account.entity.js';

/** What sign-in needs of an account: read in one short query, outside any transaction. */
export interface SignInAccount {
  id: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  tokenVersion: number;
  mustChangePassword: boolean;
  totpSecret: string | null;
  totpLastStep: number | null;
}

/** An account linked to the identity provider, as its sign-in needs it. */
export interface LinkedAccount {
  id: string;
  role: Role;
  disabled: boolean;
  tokenVersion: number;
}

export interface SessionState {
  role: Role;
  tokenVersion: number;
  disabled: boolean;
}

export interface FailureCount {
  failures: number;
  lastFailedAt: Date | null;
}

export interface StaffAlert {
  id: string;
  at: Date;
  kind: string;
  staffId: string;
  role: string;
  byStaffId: string;
}

type AccountPatch = Partial<
  Pick<StaffAccount, 'role' | 'passwordHash' | 'disabledAt' | 'mustChangePassword' | 'totpSecret' | 'totpPendingSecret' | 'totpLastStep'>
>;

const VIEW = `id, username, display_name AS "displayName", role, created_at AS "createdAt",
  disabled_at IS NOT NULL AS disabled, totp_secret IS NOT NULL AS "secondFactor", must_change_password AS "mustChangePassword"`;

/**
 * The only SQL on `staff_account`, `sign_in_attempt`, `staff_recovery_code`
 * and `staff_alert`. Methods that take a manager run in the caller's
 * transaction; the sign-in ones are single statements, so no connection is
 * held while a password is hashed.
 */
@Injectable()
export class StaffAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findForSignIn(username: string): Promise<SignInAccount | undefined> {
    const [row] = await this.dataSource.query<Array<Omit<SignInAccount, 'totpLastStep'> & { totpLastStep: string | null }>>(
      `SELECT id, role, password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled, token_version AS "tokenVersion",
              must_change_password AS "mustChangePassword", totp_secret AS "totpSecret", totp_last_step AS "totpLastStep"
         FROM staff_account WHERE username = $1 AND oidc_subject IS NULL`,
      [username],
    );
    return row ? { ...row, totpLastStep: row.totpLastStep === null ? null : Number(row.totpLastStep) } : undefined;
  }

  async sessionState(id: string): Promise<SessionState | undefined> {
    const [row] = await this.dataSource.query<SessionState[]>(
      `SELECT role, token_version AS "tokenVersion", disabled_at IS NOT NULL AS disabled FROM staff_account WHERE id = $1`,
      [id],
    );
    return row;
  }

  async failures(username: string): Promise<FailureCount> {
    const [row] = await this.dataSource.query<Array<{ failures: number; last_failed_at: Date | null }>>(
      `SELECT failures, last_failed_at FROM sign_in_attempt WHERE username = $1`,
      [username],
    );
    return { failures: row?.failures ?? 0, lastFailedAt: row?.last_failed_at ?? null };
  }

  /** One more failure, counted atomically (concurrent failures each count). */
  async countFailure(username: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sign_in_attempt (username, failures, last_failed_at) VALUES ($1, 1, $2)
       ON CONFLICT (username) DO UPDATE SET failures = sign_in_attempt.failures + 1, last_failed_at = $2`,
      [username, at],
    );
  }

  async clearFailures(username: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE sign_in_attempt SET failures = 0, last_failed_at = NULL WHERE username = $1`, [username]);
  }

  /** Takes a TOTP step for the account unless that step (or a later one) was used: a code works once. */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `UPDATE staff_account SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [id, step],
    );
    return affected === 1;
  }

  /** Accounts with a TOTP secret (current or pending) not yet encrypted at rest. */
  plainTotpSecrets(): Promise<Array<{ id: string; totp_secret: string | null; totp_pending_secret: string | null }>> {
    return this.dataSource.query(
      `SELECT id, totp_secret, totp_pending_secret FROM staff_account
        WHERE totp_secret NOT LIKE 'aead1:%' OR totp_pending_secret NOT LIKE 'aead1:%'`,
    );
  }

  /** Replaces one stored TOTP secret if it still holds `from`: true when it did. */
  async replaceTotpSecret(id: string, column: 'totp_secret' | 'totp_pending_secret', from: string, to: string): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `UPDATE staff_account SET ${column} = $3 WHERE id = $1 AND ${column} = $2`,
      [id, from, to],
    );
    return count === 1;
  }

  /** Spends a recovery code: true once, then never again. */
  async useRecoveryCode(id: string, codeHash: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM staff_recovery_code WHERE staff_id = $1 AND code_hash = $2`,
      [id, codeHash],
    );
    return affected === 1;
  }

  async replaceRecoveryCodes(manager: EntityManager, id: string, hashes: string[]): Promise<void> {
    await manager.query(`DELETE FROM staff_recovery_code WHERE staff_id = $1`, [id]);
    if (hashes.length)
      await manager.query(`INSERT INTO staff_recovery_code (staff_id, code_hash) SELECT $1, unnest($2::text[])`, [id, hashes]);
  }

  /** The account linked to the provider's issuer and subject, locked for the rest of the transaction. */
  async findLinked(manager: EntityManager, issuer: string, subject: string): Promise<LinkedAccount | undefined> {
    const [row] = await manager.query<LinkedAccount[]>(
      `SELECT id, role, disabled_at IS NOT NULL AS disabled, token_version AS "tokenVersion"
         FROM staff_account WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE`,
      [issuer, subject],
    );
    return row;
  }

  /** A new account of the provider's (no password): `undefined` when another sign-in linked it first. */
  async insertLinked(
    manager: EntityManager,
    input: { issuer: string; subject: string; username: string; displayName: string; role: Role },
  ): Promise<LinkedAccount | undefined> {
    const [row] = await manager.query<LinkedAccount[]>(
      `INSERT INTO staff_account (username, display_name, role, oidc_issuer, oidc_subject) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL DO NOTHING
       RETURNING id, role, false AS disabled, token_version AS "tokenVersion"`,
      [input.username, input.displayName, input.role, input.issuer, input.subject],
    );
    return row;
  }

  async usernameTaken(manager: EntityManager, username: string): Promise<boolean> {
    return manager.getRepository(StaffAccount).existsBy({ username });
  }

  async adminExists(manager: EntityManager): Promise<boolean> {
    return manager.getRepository(StaffAccount).existsBy({ role: 'agency-admin' });
  }

  async lockAccountsTable(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE staff_account IN SHARE ROW EXCLUSIVE MODE');
  }

  async insert(
    manager: EntityManager,
    input: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword?: boolean },
  ): Promise<StaffAccountView> {
    const [row] = await manager.query<StaffAccountView[]>(
      `INSERT INTO staff_account (username, display_name, role, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${VIEW}`,
      [input.username, input.displayName, input.role, input.passwordHash, input.mustChangePassword ?? false],
    );
    return row;
  }

  /** The account, locked for the rest of the transaction. */
  async findForUpdate(
    manager: EntityManager,
    id: string,
  ): Promise<(StaffAccountView & { username: string; passwordHash: string | null; totpPendingSecret: string | null }) | undefined> {
    const [row] = await manager.query<
      Array<StaffAccountView & { username: string; passwordHash: string | null; totpPendingSecret: string | null }>
    >(
      `SELECT ${VIEW}, password_hash AS "passwordHash", totp_pending_secret AS "totpPendingSecret" FROM staff_account WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async findByUsername(username: string): Promise<StaffAccountView | undefined> {
    const [row] = await this.dataSource.query<StaffAccountView[]>(`SELECT ${VIEW} FROM staff_account WHERE username = $1`, [username]);
    return row;
  }

  /** Changes an account; `endSessions` raises its token version, so every token issued before is refused. */
  async update(manager: EntityManager, id: string, patch: AccountPatch, endSessions: boolean): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(StaffAccount)
      .set({ ...patch, ...(endSessions ? { tokenVersion: () => 'token_version + 1' } : {}) })
      .where('id = :id', { id })
      .execute();
  }

  list(): Promise<StaffAccountView[]> {
    return this.dataSource.query<StaffAccountView[]>(`SELECT ${VIEW} FROM staff_account ORDER BY username`);
  }

  /** A grant the agency's administrators are told of: ids and the role only, no names. */
  async raiseAlert(manager: EntityManager, alert: { kind: string; staffId: string; role: Role; byStaffId: string }): Promise<void> {
    await manager.query(`INSERT INTO staff_alert (kind, staff_id, role, by_staff_id) VALUES ($1, $2, $3, $4)`, [
      alert.kind,
      alert.staffId,
      alert.role,
      alert.byStaffId,
    ]);
  }

  /** The newest alerts (at most 200), leaving out those the reader raised herself. */
  alertsFor(readerId: string): Promise<StaffAlert[]> {
    return this.dataSource.query<StaffAlert[]>(
      `SELECT id, at, kind, staff_id AS "staffId", role, by_staff_id AS "byStaffId" FROM staff_alert
        WHERE by_staff_id <> $1 ORDER BY id DESC LIMIT 200`,
      [readerId],
    );
  }

  /** A role grant in the access record, in the grant's own transaction. */
  async recordGrant(
    manager: EntityManager,
    grant: { byStaffId: string; byRole: string; staffId: string; role: Role; route: string; fromAddress: string | null },
  ): Promise<void> {
    await manager.getRepository(AccessRecord).insert({
      staffId: grant.byStaffId,
      role: grant.byRole,
      action: 'write',
      resource: `role-grant:${grant.role}`,
      resourceId: grant.staffId,
      route: grant.route,
      fromAddress: grant.fromAddress,
      notOwner: false,
      outcome: 'allowed',
    });
  }
}
