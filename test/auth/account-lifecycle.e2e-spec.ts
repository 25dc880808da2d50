import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Logger, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import {
  AccountsService,
  Allow,
  AUTH_CLOCK,
  AUTH_ENTITIES,
  AUTH_MIGRATIONS,
  AuthModule,
  SessionService,
  SignInService,
  totpCode,
  type AuthSettings,
} from '@rujukan/auth';
import { dataSourceOptions } from '@rujukan/persistence';
import { nodeValidationPipe } from '../../libs/platform/src/validation.js';
import { createTestDatabase, databaseUrl, dropTestDatabase, query } from '../support/database.js';
import { waitFor } from '../support/wait-for.js';

/** A route that shows case data, for the roles that may see it. */
@Controller()
class ProbeController {
  @Allow(['case-worker', 'supervisor', 'analyst'], { resource: 'probe', action: 'read' })
  @Get('probe')
  probe() {
    return { ok: true };
  }
}

/** The time the node goes by: moved by the test, never waited for. */
const clock = { at: new Date('2026-12-01T10:00:05Z'), now: () => new Date(clock.at) };
const advance = (seconds: number) => (clock.at = new Date(clock.at.getTime() + seconds * 1000));

const SETTINGS: AuthSettings = {
  agency: 'uptd-ppa-test',
  tokenSecret: randomBytes(32).toString('hex'),
  tokenTtlSeconds: 900,
  // A short lock (60 s of the test's clock), a second factor for case-data roles, a high address limit
  // (the burst below comes from one address), and room for a few wrong codes before any slow-down.
  signInPolicy: { freeFailures: 5, baseDelayMs: 1000, lockAfter: 6, lockMs: 60_000 },
  secondFactor: true,
  addressLimit: { attempts: 1000, windowMs: 60_000 },
  unknownUsernamesKept: 100,
};

/**
 * Account lifecycle and sign-in on one node's auth module, in process, on a
 * real PostgreSQL, with the clock injected (TOTP steps and the lock's expiry
 * are reached by moving it, not by waiting).
 */
describe('account lifecycle, second factor and sign-in', () => {
  let db: string;
  let app: INestApplication;
  let url: string;
  const admin = { username: 'admin', password: 'admin password long enough', token: '', id: '' };

  async function call(method: string, path: string, token: string | null, body?: unknown) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { fields?: Record<string, string[]> },
    };
  }
  const signIn = (username: string, password: string, extra: Record<string, string> = {}) =>
    call('POST', '/auth/sign-in', null, { username, password, ...extra });
  async function tokenOf(username: string, password: string, extra: Record<string, string> = {}) {
    const res = await signIn(username, password, extra);
    expect({ username, status: res.status }).toEqual({ username, status: 200 });
    return res.body as { accessToken: string; role: string; next?: string };
  }
  async function createStaff(username: string, role: string) {
    const password = randomBytes(12).toString('base64url');
    const res = await call('POST', '/staff', admin.token, { username, displayName: username, role, password });
    expect({ username, status: res.status }).toEqual({ username, status: 201 });
    return { id: res.body.id as string, username, password };
  }

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    db = await createTestDatabase('accounts');
    @Module({
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({ url: databaseUrl(db), entities: AUTH_ENTITIES, migrations: AUTH_MIGRATIONS, migrationsRun: true }),
        ),
        AuthModule.forRoot(SETTINGS),
      ],
      controllers: [ProbeController],
    })
    class TestNode {}
    const moduleRef = await Test.createTestingModule({ imports: [TestNode] })
      .overrideProvider(AUTH_CLOCK)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.useGlobalPipes(nodeValidationPipe());
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    admin.id = (await app.get(AccountsService).createFirstAdmin(admin.username, admin.password)).id;
    admin.token = (await tokenOf(admin.username, admin.password)).accessToken;
  });

  afterAll(async () => {
    await app?.close();
    if (db) await dropTestDatabase(db);
  });

  it('a disabled account’s valid token is refused on its next call, and it cannot sign in until enabled', async () => {
    const clerk = await createStaff('clerk', 'analyst');
    const { accessToken } = await tokenOf(clerk.username, clerk.password);
    expect((await call('GET', '/probe', accessToken)).status).toBe(200);
    expect((await call('POST', `/staff/${clerk.id}/disable`, admin.token)).status).toBe(204);
    expect((await call('GET', '/probe', accessToken)).status).toBe(401);
    expect((await signIn(clerk.username, clerk.password)).status).toBe(401);
    expect(
      ((await call('GET', '/staff', admin.token)).body as unknown as Array<{ id: string; disabled: boolean }>).find(
        (a) => a.id === clerk.id,
      ),
    ).toMatchObject({ disabled: true });
    expect((await call('POST', `/staff/${clerk.id}/enable`, admin.token)).status).toBe(204);
    expect((await call('GET', '/probe', accessToken)).status).toBe(401); // the old token stays ended
    expect((await call('GET', '/probe', (await tokenOf(clerk.username, clerk.password)).accessToken)).status).toBe(200);
    // An administrator may not disable herself (the agency would lose its way in).
    expect((await call('POST', `/staff/${admin.id}/disable`, admin.token)).status).toBe(403);
  });

  it('a session refreshes with a refresh token that works once; a spent one sent again ends the session', async () => {
    const clerk = await createStaff('refresher', 'analyst');
    const first = (await tokenOf(clerk.username, clerk.password)) as unknown as {
      accessToken: string;
      refreshToken: string;
      idleSeconds: number;
    };
    expect(first.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(first.idleSeconds).toBe(1800);
    const second = await call('POST', '/auth/refresh', null, { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    const next = second.body as unknown as { accessToken: string; refreshToken: string; role: string };
    expect(next.role).toBe('analyst');
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect((await call('GET', '/probe', next.accessToken)).status).toBe(200);
    // The first refresh token again: someone else holds a copy; the whole session ends.
    expect((await call('POST', '/auth/refresh', null, { refreshToken: first.refreshToken })).status).toBe(401);
    expect((await call('POST', '/auth/refresh', null, { refreshToken: next.refreshToken })).status).toBe(401);
    expect((await call('GET', '/probe', next.accessToken)).status).toBe(401);
    expect((await call('GET', '/probe', first.accessToken)).status).toBe(401);
  });

  it('signing out ends the session at the node: its access token and refresh token stop working', async () => {
    const clerk = await createStaff('leaving', 'analyst');
    const session = (await tokenOf(clerk.username, clerk.password)) as unknown as { accessToken: string; refreshToken: string };
    const other = (await tokenOf(clerk.username, clerk.password)) as unknown as { accessToken: string };
    expect((await call('POST', '/auth/sign-out', session.accessToken)).status).toBe(204);
    expect((await call('GET', '/probe', session.accessToken)).status).toBe(401);
    expect((await call('POST', '/auth/refresh', null, { refreshToken: session.refreshToken })).status).toBe(401);
    // Her other session (another device) goes on.
    expect((await call('GET', '/probe', other.accessToken)).status).toBe(200);
  });

  it('a disabled account cannot refresh its session, and a stream ticket is for one use', async () => {
    const clerk = await createStaff('disabled-refresh', 'analyst');
    const session = (await tokenOf(clerk.username, clerk.password)) as unknown as { accessToken: string; refreshToken: string };
    const ticket = await call('POST', '/auth/stream-ticket', session.accessToken);
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({ ticket: expect.stringMatching(/^[\w-]{43}$/), expiresIn: 30 });
    const sessions = app.get(SessionService);
    expect(sessions.redeem(ticket.body.ticket as string).staffId).toBe(clerk.id);
    expect(() => sessions.redeem(ticket.body.ticket as string)).toThrow('stream ticket unknown, used or expired');
    expect((await call('POST', `/staff/${clerk.id}/disable`, admin.token)).status).toBe(204);
    expect((await call('POST', '/auth/refresh', null, { refreshToken: session.refreshToken })).status).toBe(401);
    expect((await call('POST', '/auth/refresh', null, { refreshToken: 'x' })).status).toBe(400);
  });

  it('a role change takes effect at once; a grant of an administrator is recorded and alerts the other administrators', async () => {
    const analyst = await createStaff('analyst-1', 'analyst');
    const { accessToken } = await tokenOf(analyst.username, analyst.password);
    expect((await call('GET', '/probe', accessToken)).status).toBe(200);
    expect((await call('POST', `/staff/${analyst.id}/role`, admin.token, { role: 'agency-admin' })).status).toBe(204);
    expect((await call('GET', '/probe', accessToken)).status).toBe(401);
    const promoted = await tokenOf(analyst.username, analyst.password);
    expect(promoted.role).toBe('agency-admin');
    expect((await call('GET', '/probe', promoted.accessToken)).status).toBe(403);
    // The new administrator sees the grant her colleague made; the one who made it does not get her own alert.
    const seen = (await call('GET', '/staff/alerts', promoted.accessToken)).body as unknown as Array<Record<string, unknown>>;
    expect(seen).toEqual([
      expect.objectContaining({ kind: 'role-changed', staffId: analyst.id, role: 'agency-admin', byStaffId: admin.id }),
    ]);
    expect(JSON.stringify(seen)).not.toContain(analyst.username);
    const own = (await call('GET', '/staff/alerts', admin.token)).body as unknown as Array<Record<string, unknown>>;
    expect(own.filter((a) => a.staffId === analyst.id)).toEqual([]);
    const [recorded] = await query<{ n: string }>(
      db,
      `SELECT count(*) n FROM access_record WHERE resource = 'role-grant:agency-admin' AND resource_id = $1 AND staff_id = $2`,
      [analyst.id, admin.id],
    );
    expect(Number(recorded.n)).toBe(1);
    // Bad input: a 400 naming the field.
    const bad = await call('POST', `/staff/${analyst.id}/role`, admin.token, { role: 'root' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields ?? {})).toEqual(['role']);
  });

  it('an administrator cannot make a supervisor (create, promote, or reset one’s password); the node’s command can, recorded and alerted', async () => {
    const worker = await createStaff('worker-z', 'case-worker');
    const password = 'supervisor password long';
    expect((await call('POST', '/staff', admin.token, { username: 'sup-x', displayName: 'x', role: 'supervisor', password })).status).toBe(
      403,
    );
    expect((await call('POST', `/staff/${worker.id}/role`, admin.token, { role: 'supervisor' })).status).toBe(403);
    expect((await signIn('sup-x', password)).status).toBe(401);
    const supervisor = await app
      .get(AccountsService)
      .create('command', { username: 'sup-y', displayName: 'y', role: 'supervisor', password });
    expect((await call('POST', `/staff/${supervisor.id}/password-reset`, admin.token)).status).toBe(403);
    expect((await call('POST', `/staff/${supervisor.id}/second-factor-reset`, admin.token)).status).toBe(403);
    // ...but may take a supervisor's access away.
    expect((await call('POST', `/staff/${supervisor.id}/role`, admin.token, { role: 'case-worker' })).status).toBe(204);
    const alerts = (await call('GET', '/staff/alerts', admin.token)).body as unknown as Array<Record<string, unknown>>;
    expect(alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'staff-created', staffId: supervisor.id, role: 'supervisor', byStaffId: 'command' }),
      ]),
    );
    const [recorded] = await query<{ n: string }>(
      db,
      `SELECT count(*) n FROM access_record WHERE resource = 'role-grant:supervisor' AND resource_id = $1`,
      [supervisor.id],
    );
    expect(Number(recorded.n)).toBe(1);
  });

  it('the first sign-in after a reset demands a new password', async () => {
    const clerk = await createStaff('clerk-2', 'analyst');
    const before = (await tokenOf(clerk.username, clerk.password)).accessToken;
    const reset = await call('POST', `/staff/${clerk.id}/password-reset`, admin.token);
    expect(reset.status).toBe(200);
    const oneTime = reset.body.oneTimePassword as string;
    expect((await call('GET', '/probe', before)).status).toBe(401); // sessions ended
    expect((await signIn(clerk.username, clerk.password)).status).toBe(401);
    const first = await tokenOf(clerk.username, oneTime);
    expect(first.next).toBe('change-password');
    const refused = await call('GET', '/probe', first.accessToken);
    expect([refused.status, refused.body.next]).toEqual([403, 'change-password']);
    const invalid = await call('POST', '/auth/password', first.accessToken, { currentPassword: oneTime, newPassword: 'short' });
    expect([invalid.status, Object.keys(invalid.body.fields ?? {})]).toEqual([400, ['newPassword']]);
    const newPassword = 'my own new password';
    expect((await call('POST', '/auth/password', first.accessToken, { currentPassword: oneTime, newPassword })).status).toBe(204);
    expect((await signIn(clerk.username, oneTime)).status).toBe(401);
    const after = await tokenOf(clerk.username, newPassword);
    expect(after.next).toBeUndefined();
    expect((await call('GET', '/probe', after.accessToken)).status).toBe(200);
    // Changing one's own password needs the current one, and ends the other sessions.
    expect(
      (
        await call('POST', '/auth/password', after.accessToken, {
          currentPassword: 'not the password',
          newPassword: 'another new password',
        })
      ).status,
    ).toBe(401);
    expect(
      (await call('POST', '/auth/password', after.accessToken, { currentPassword: newPassword, newPassword: 'another new password' }))
        .status,
    ).toBe(204);
    expect((await call('GET', '/probe', after.accessToken)).status).toBe(401);
  });

  it('a case-data role must turn on a second factor; then wrong, reused and expired codes are refused, recovery codes work once', async () => {
    const nurse = await createStaff('nurse', 'case-worker');
    const first = await tokenOf(nurse.username, nurse.password);
    expect(first.next).toBe('enrol-second-factor');
    expect((await call('GET', '/probe', first.accessToken)).status).toBe(403);
    const begun = await call('POST', '/auth/second-factor', first.accessToken);
    expect(begun.status).toBe(200);
    const secret = begun.body.secret as string;
    expect(begun.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const wrongCode = (c: string) => String((Number(c) + 1) % 1e6).padStart(6, '0');
    const badConfirm = await call('POST', '/auth/second-factor/confirm', first.accessToken, {
      code: wrongCode(totpCode(secret, clock.now())),
    });
    expect([badConfirm.status, Object.keys(badConfirm.body.fields ?? {})]).toEqual([400, ['code']]);
    const confirmCode = totpCode(secret, clock.now());
    const confirmed = await call('POST', '/auth/second-factor/confirm', first.accessToken, { code: confirmCode });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    const [stored] = await query<{ hashes: string[] }>(
      db,
      `SELECT array_agg(code_hash) hashes FROM staff_recovery_code WHERE staff_id = $1`,
      [nurse.id],
    );
    expect(stored.hashes).toHaveLength(10);
    expect(stored.hashes.some((h) => recoveryCodes.some((c) => h.includes(c.replace('-', ''))))).toBe(false);
    // This node has no key file (AuthModule without NODE_KEY_FILE): the secret is kept in plain, as
    // docs/security.md says; with one it is encrypted (test/auth/totp-at-rest.e2e-spec.ts).
    const [kept] = await query<{ s: string }>(db, `SELECT totp_secret AS s FROM staff_account WHERE id = $1`, [nurse.id]);
    expect(kept.s).toBe(secret);

    const noCode = await signIn(nurse.username, nurse.password);
    expect([noCode.status, noCode.body.secondFactorRequired]).toEqual([401, true]);
    // The code used to confirm is used up: the same step again is refused.
    expect((await signIn(nurse.username, nurse.password, { code: confirmCode })).status).toBe(401);
    advance(30);
    const code = totpCode(secret, clock.now());
    expect((await signIn(nurse.username, nurse.password, { code: wrongCode(code) })).status).toBe(401);
    const ok = await tokenOf(nurse.username, nurse.password, { code });
    expect(ok.next).toBeUndefined();
    expect((await call('GET', '/probe', ok.accessToken)).status).toBe(200);
    expect((await signIn(nurse.username, nurse.password, { code })).status).toBe(401); // reused
    advance(120);
    const stale = totpCode(secret, new Date(clock.at.getTime() - 90_000));
    expect((await signIn(nurse.username, nurse.password, { code: stale })).status).toBe(401); // expired (three steps old)
    expect((await tokenOf(nurse.username, nurse.password, { recoveryCode: recoveryCodes[0].toUpperCase() })).role).toBe('case-worker');
    expect((await signIn(nurse.username, nurse.password, { recoveryCode: recoveryCodes[0] })).status).toBe(401);
    const [left] = await query<{ n: string }>(db, `SELECT count(*) n FROM staff_recovery_code WHERE staff_id = $1`, [nurse.id]);
    expect(Number(left.n)).toBe(9);
    // A bad code format is a 400 naming the field.
    const badFormat = await signIn(nurse.username, nurse.password, { code: '12ab' });
    expect([badFormat.status, Object.keys(badFormat.body.fields ?? {})]).toEqual([400, ['code']]);
  });

  it('a lock ends by itself after the configured time; unknown usernames are answered alike and kept in a bounded map', async () => {
    const clerk = await createStaff('clerk-3', 'analyst');
    /** Five free failures, one more after the slow-down's second, then the lock. */
    const hammer = async (username: string) => {
      const answers: number[] = [];
      for (let i = 0; i < 6; i++) answers.push((await signIn(username, 'wrong password here')).status);
      advance(1);
      for (let i = 0; i < 2; i++) answers.push((await signIn(username, 'wrong password here')).status);
      return answers;
    };
    const answers = await hammer(clerk.username);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 401, 423]);
    expect((await signIn(clerk.username, clerk.password)).status).toBe(423);
    advance(59);
    expect((await signIn(clerk.username, clerk.password)).status).toBe(423);
    advance(2);
    expect((await signIn(clerk.username, clerk.password)).status).toBe(200);
    // A username that is no account gets the same answers, and leaves no row.
    expect(await hammer('nobody-here')).toEqual(answers);
    const [rows] = await query<{ n: string }>(db, `SELECT count(*) n FROM sign_in_attempt WHERE username = 'nobody-here'`);
    expect(Number(rows.n)).toBe(0);
  });

  it('during 50 parallel sign-in attempts, another call still gets a database connection at once', async () => {
    const signIns = app.get(SignInService);
    const pool = (app.get(DataSource).driver as unknown as { master: pg.Pool }).master;
    const attempts = Array.from({ length: 50 }, (_, i) => signIn(i % 10 === 0 ? 'clerk' : `burst-${i}`, 'wrong password here'));
    // Thirty attempts hashing at once, more than the pool's ten connections: none of them holds one.
    await waitFor('thirty sign-ins hashing at once', () => signIns.hashing >= 30, 30000, 1);
    const sample = { hashing: signIns.hashing, waiting: pool.waitingCount, inUse: pool.totalCount - pool.idleCount };
    const during = await call('GET', '/staff', admin.token);
    const hashingAfter = signIns.hashing;
    const statuses = await Promise.all(attempts);
    expect(sample.waiting).toBe(0);
    expect(sample.inUse).toBeLessThan(10);
    expect(during.status).toBe(200);
    expect(hashingAfter).toBeGreaterThan(0); // the call was answered while sign-ins were still hashing
    expect(statuses.every((s) => [401, 429].includes(s.status))).toBe(true);
  }, 60000);

  it('the migrations go down and up again (run last: they drop the new tables and columns)', async () => {
    const ds = app.get(DataSource);
    await ds.undoLastMigration();
    const [oidc] = await query<{ n: string }>(
      db,
      `SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name = 'oidc_sign_in')
            + (SELECT count(*) FROM information_schema.columns WHERE table_name = 'staff_account' AND column_name LIKE 'oidc_%') n`,
    );
    expect(Number(oidc.n)).toBe(0);
    const [required] = await query<{ is_nullable: string }>(
      db,
      `SELECT is_nullable FROM information_schema.columns WHERE table_name = 'staff_account' AND column_name = 'password_hash'`,
    );
    expect(required.is_nullable).toBe('NO');
    await ds.undoLastMigration();
    const [draftKeys] = await query<{ n: string }>(
      db,
      `SELECT count(*) n FROM information_schema.tables WHERE table_name = 'staff_draft_key'`,
    );
    expect(Number(draftKeys.n)).toBe(0);
    await ds.undoLastMigration();
    const [sessions] = await query<{ n: string }>(
      db,
      `SELECT count(*) n FROM information_schema.tables WHERE table_name = 'staff_session'`,
    );
    expect(Number(sessions.n)).toBe(0);
    await ds.undoLastMigration();
    const [gone] = await query<{ n: string }>(
      db,
      `SELECT count(*) n FROM information_schema.tables WHERE table_name IN ('staff_alert', 'staff_recovery_code')`,
    );
    expect(Number(gone.n)).toBe(0);
    expect((await ds.runMigrations()).map((m) => m.name)).toEqual([
      'AuthAccountLifecycle1763900000220',
      'AuthSessions1763900000280',
      'AuthDraftKeys1763900000290',
      'AuthOidcSignIn1763900000960',
    ]);
  });
});
