import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ROLES, routeTable, type Role, type RouteEntry } from '@rujukan/auth';
import { NODE_ROLES, type NodeRole } from '../../scripts/network/nodes.js';
import { Network } from '../../scripts/network/start-network.js';
import { query } from '../support/database.js';
import { NODE_MODULES } from '../support/node-modules.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { loopbackCertificate } from '../support/loopback-certificate.js';

/**
 * Sign-in and roles on all seven nodes, each its own process. The route
 * table is read from the nodes' modules, so a new endpoint is covered (and
 * fails the test if it has no access rule) without touching this file.
 */
describe('staff sign-in, roles and access records', () => {
  const tokens = new Map<string, string>(); // `${node}/${username}`
  const passwords = new Map<string, string>();
  const ids = new Map<string, string>();
  let network: Network;
  let idp: Server;
  let idpKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwksUri: string;
  const IDP_ISSUER = 'https://sso.test.example/realms/ppa';
  const tlsDir = mkdtempSync(join(tmpdir(), 'idp-'));

  /** Who calls as each role: worker-a is "her", worker-b the other case worker. */
  const USER_FOR: Record<Role, string> = {
    'case-worker': 'worker-a',
    supervisor: 'supervisor',
    'agency-admin': 'admin',
    analyst: 'analyst',
  };
  /** Records of worker-a ("own") and of worker-b ("other"), per node and resource. */
  const fixtures = new Map<string, { own: string; other: string }>();

  async function call(role: NodeRole, method: string, path: string, opts: { as?: string; token?: string | null; body?: unknown } = {}) {
    const token = opts.token === undefined ? tokens.get(`${role}/${opts.as ?? 'worker-a'}`) : opts.token;
    const res = await fetch(`${network.nodes.get(role)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: opts.body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(opts.body),
    });
    const text = await res.text();
    // The dashboard's page (public) answers HTML; everything else JSON.
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, body: text ? (json ? JSON.parse(text) : text) : undefined };
  }

  function routesOf(role: NodeRole): RouteEntry[] {
    return routeTable(NODE_MODULES[role](network.environment(role)));
  }

  async function registerCase(as: string): Promise<{ id: string; victims: Array<{ id: string }> }> {
    const res = await call('intake', 'POST', '/cases', {
      as,
      body: {
        channel: 'walk-in',
        kind: 'violence-against-women',
        riskLevel: 'medium',
        district: 'Kota Tanjungpinang',
        incident: { violenceTypes: ['physical'], place: 'household' },
        victims: [
          {
            name: `Korban ${randomBytes(4).toString('hex')}`,
            sex: 'female',
            ageYears: 30,
            district: 'Kota Tanjungpinang',
            consent: { services: true, statistics: true },
          },
        ],
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    // Building the route tables registers a data source per module; its warnings are noise here.
    Logger.overrideLogger(['error']);
    const pair = await generateKeyPair('ES256', { extractable: true });
    idpKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'ES256', use: 'sig' };
    // The provider's keys over https only (OIDC_JWKS_URI refuses http): a certificate of its own the nodes trust.
    const { cert, key } = loopbackCertificate(tlsDir);
    idp = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    jwksUri = `https://127.0.0.1:${(idp.address() as AddressInfo).port}/certs`;

    network = await startSevenNodes({
      label: 'auth',
      statisticsKey: randomBytes(32).toString('hex'),
      env: {
        AUTH_SLOWDOWN_BASE_MS: '1500',
        AUTH_LOCK_AFTER: '6',
        OIDC_ISSUER: IDP_ISSUER,
        OIDC_AUDIENCE: 'rujukan',
        OIDC_JWKS_URI: jwksUri,
        NODE_EXTRA_CA_CERTS: cert,
      },
    });
    const staff = await signInStaff(network, [
      { username: 'worker-a', role: 'case-worker' },
      { username: 'worker-b', role: 'case-worker' },
      { username: 'supervisor', role: 'supervisor' },
      { username: 'analyst', role: 'analyst' },
    ]);
    for (const [key, account] of staff) {
      tokens.set(key, account.token);
      passwords.set(key, account.password);
      ids.set(key, account.id);
    }

    // Intake: a case and a referral of worker-a's, and of worker-b's.
    const mine = await registerCase('worker-a');
    const theirs = await registerCase('worker-b');
    fixtures.set('intake/case', { own: mine.id, other: theirs.id });
    const services: Array<[NodeRole, string]> = [
      ['shelter', 'shelter'],
      ['health', 'health'],
      ['rehabilitation', 'social-rehabilitation'],
      ['legal-aid', 'legal-aid'],
      ['reintegration', 'repatriation'],
    ];
    const referralsAt = new Map<NodeRole, { own: string; other: string }>();
    for (const [node, service] of services) {
      const agencyId = network.nodes.get(node)!.agency;
      const a = await call('intake', 'POST', `/cases/${mine.id}/referrals`, {
        as: 'worker-a',
        body: { victimId: mine.victims[0].id, service, agencyId },
      });
      const b = await call('intake', 'POST', `/cases/${theirs.id}/referrals`, {
        as: 'worker-b',
        body: { victimId: theirs.victims[0].id, service, agencyId },
      });
      expect([a.status, b.status]).toEqual([201, 201]);
      if (node === 'shelter') fixtures.set('intake/referral', { own: a.body.id, other: b.body.id });
      // At the service node the accepting case worker owns it.
      for (const [id, who] of [
        [a.body.id, 'worker-a'],
        [b.body.id, 'worker-b'],
      ] as const) {
        await waitFor(
          `referral at ${node}`,
          async () => (await call(node, 'GET', `/referrals/${id}`, { as: 'supervisor' })).status === 200,
        );
        expect((await call(node, 'POST', `/referrals/${id}/accept`, { as: who })).status).toBe(200);
      }
      referralsAt.set(node, { own: a.body.id, other: b.body.id });
      fixtures.set(`${node}/referral`, { own: a.body.id, other: b.body.id });
    }
    const shelterReferrals = referralsAt.get('shelter')!;
    const ownAdmission = await call('shelter', 'POST', `/referrals/${shelterReferrals.own}/admit`, {
      as: 'worker-a',
      body: { safetyPlan: 'No visitors' },
    });
    const otherAdmission = await call('shelter', 'POST', `/referrals/${shelterReferrals.other}/admit`, {
      as: 'worker-b',
      body: { safetyPlan: 'No visitors' },
    });
    fixtures.set('shelter/admission', { own: ownAdmission.body.id, other: otherAdmission.body.id });
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    await new Promise<void>((r) => idp?.close(() => r()));
    rmSync(tlsDir, { recursive: true, force: true });
  });

  /**
   * The only routes without sign-in: health (and its probes), the metrics
   * (guarded by METRICS_ALLOW instead), sign-in and the API’s description
   * (its OpenAPI document, Swagger UI's page and files) on every node; at
   * reporting also the published (suppressed) tables and the dashboard's
   * page and built assets, which hold no data (the page asks the API, as
   * the public or with an analyst's token). Also on every node: refreshing
   * a session (the refresh token is the credential) and the console's page
   * and built files (no data); at intake the live streams of a case and of
   * her home page, opened with a single-use ticket instead of a bearer token.
   */
  const PUBLIC_ROUTES = (role: NodeRole) =>
    [
      'POST /auth/sign-in',
      'POST /auth/refresh',
      // Signing in through the identity provider: what the console offers, the start and the way back (no data).
      'GET /auth/providers',
      'POST /auth/oidc/start',
      'POST /auth/oidc/callback',
      'GET /',
      'GET /console/:file',
      ...(role === 'intake' ? ['GET /cases/:id/live', 'GET /me/live'] : []),
      'GET /health',
      'GET /health/live',
      'GET /health/ready',
      'GET /metrics',
      'GET /openapi.json',
      'GET /docs',
      'GET /docs/:file',
      ...(role === 'reporting' ? ['GET /dashboard', 'GET /dashboard/assets/:file', 'GET /public/statistics/tables'] : []),
    ].sort();

  it('every route of every node has an access rule or is public, and only health, metrics, sign-in (local or through the identity provider) and refresh, the API’s description, the console’s files, (at intake) the ticketed live streams of a case and of her home page and (at reporting) the published tables and the dashboard are public', () => {
    for (const role of NODE_ROLES) {
      const routes = routesOf(role);
      expect(routes.length).toBeGreaterThan(5);
      expect(routes.filter((r) => r.rule === null).map((r) => `${role} ${r.method} ${r.path}`)).toEqual([]);
      expect({
        role,
        public: routes
          .filter((r) => r.rule === 'public')
          .map((r) => `${r.method} ${r.path}`)
          .sort(),
      }).toEqual({ role, public: PUBLIC_ROUTES(role) });
    }
  });

  it('a token limited to a sign-in step (a one-time password) is refused on every route but the steps’ own', async () => {
    for (const role of NODE_ROLES) {
      const steps = routesOf(role)
        .filter((r) => r.signInStep)
        .map((r) => `${r.method} ${r.path} ${r.signInStep}`)
        .sort();
      expect({ role, steps }).toEqual({
        role,
        steps: [
          'POST /auth/password change-password',
          'POST /auth/second-factor enrol-second-factor',
          'POST /auth/second-factor/confirm enrol-second-factor',
        ],
      });
    }
    const admin = tokens.get('intake/admin')!;
    const created = await call('intake', 'POST', '/staff', {
      token: admin,
      body: { username: 'reset-me', displayName: 'reset-me', role: 'case-worker', password: randomBytes(12).toString('hex') },
    });
    const reset = await call('intake', 'POST', `/staff/${created.body.id}/password-reset`, { token: admin });
    const signedIn = await call('intake', 'POST', '/auth/sign-in', {
      token: null,
      body: { username: 'reset-me', password: reset.body.oneTimePassword },
    });
    expect([signedIn.status, signedIn.body.next]).toEqual([200, 'change-password']);
    let refused = 0;
    for (const r of routesOf('intake')) {
      if (r.rule === 'public' || r.signInStep) continue;
      const res = await call('intake', r.method, r.path.replace(/:[A-Za-z]+/g, randomUUID()), { token: signedIn.body.accessToken });
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
      refused++;
    }
    expect(refused).toBeGreaterThan(20);
  });

  it('every route but the public ones rejects a request without a valid token', async () => {
    for (const role of NODE_ROLES) {
      for (const r of routesOf(role)) {
        const path = r.path.replace(/:[A-Za-z]+/g, randomUUID());
        const none = await call(role, r.method, path, { token: null });
        const forged = await call(role, r.method, path, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
        if (r.rule === 'public') {
          expect({ route: `${role} ${r.method} ${r.path}`, status: none.status }).not.toEqual({
            route: `${role} ${r.method} ${r.path}`,
            status: 401,
          });
        } else {
          expect({ route: `${role} ${r.method} ${r.path}`, none: none.status, forged: forged.status }).toEqual({
            route: `${role} ${r.method} ${r.path}`,
            none: 401,
            forged: 401,
          });
        }
      }
    }
  });

  it('applies each route’s rule to every role, on her own record and on another’s', async () => {
    const checked: string[] = [];
    for (const role of NODE_ROLES) {
      for (const r of routesOf(role)) {
        if (r.rule === 'public' || r.rule === null) continue;
        // Signing out would end the session of the token this test calls with (test/auth/account-lifecycle checks it).
        if (r.method === 'POST' && r.path === '/auth/sign-out') continue;
        const rule = r.rule;
        const fixture = rule.param ? fixtures.get(`${role}/${rule.resource}`) : undefined;
        const targets: Array<['own' | 'other' | 'none', string]> = !rule.param
          ? [['none', r.path]]
          : fixture
            ? [
                ['own', r.path.replace(`:${rule.param}`, fixture.own)],
                ['other', r.path.replace(`:${rule.param}`, fixture.other)],
              ]
            : [['none', r.path.replace(`:${rule.param}`, randomUUID())]];
        for (const staffRole of ROLES) {
          for (const [whose, path] of targets) {
            const res = await call(role, r.method, path, { as: USER_FOR[staffRole] });
            const allowed = rule.roles.includes(staffRole) && !(staffRole === 'case-worker' && whose === 'other');
            const label = `${role} ${r.method} ${r.path} as ${staffRole} on ${whose}`;
            if (allowed) expect({ label, denied: [401, 403].includes(res.status) }).toEqual({ label, denied: false });
            else expect({ label, status: res.status }).toEqual({ label, status: 403 });
            checked.push(label);
          }
        }
      }
    }
    // Analysts see only reporting; administrators manage accounts, not cases.
    expect(checked.length).toBeGreaterThan(150);
    expect((await call('intake', 'GET', '/cases', { as: 'analyst' })).status).toBe(403);
    expect((await call('reporting', 'GET', '/statistics/cases', { as: 'analyst' })).status).toBe(200);
    expect((await call('intake', 'GET', `/cases/${fixtures.get('intake/case')!.own}`, { as: 'admin' })).status).toBe(403);
  });

  it('a case worker lists only her cases and those shared with her; a supervisor lists the agency’s', async () => {
    const { own, other } = fixtures.get('intake/case')!;
    const listed = async (as: string) => ((await call('intake', 'GET', '/cases', { as })).body as Array<{ id: string }>).map((c) => c.id);
    expect(await listed('worker-a')).toContain(own);
    expect(await listed('worker-a')).not.toContain(other);
    expect(await listed('supervisor')).toEqual(expect.arrayContaining([own, other]));
    expect(
      (await call('intake', 'POST', `/cases/${other}/shares`, { as: 'worker-b', body: { staffId: ids.get('intake/worker-a') } })).status,
    ).toBe(204);
    expect(await listed('worker-a')).toContain(other);
    expect((await call('intake', 'GET', `/cases/${other}`, { as: 'worker-a' })).status).toBe(200);
    // A supervisor assigns a case: it becomes the new owner's.
    const third = await registerCase('supervisor');
    expect(await listed('worker-b')).not.toContain(third.id);
    expect(
      (await call('intake', 'POST', `/cases/${third.id}/owner`, { as: 'supervisor', body: { staffId: ids.get('intake/worker-b') } }))
        .status,
    ).toBe(204);
    expect(await listed('worker-b')).toContain(third.id);
  });

  it('at a service node a case worker lists only unassigned referrals and hers, and only her residents', async () => {
    const { own, other } = fixtures.get('shelter/referral')!;
    const referralIds = async (as: string) =>
      ((await call('shelter', 'GET', '/referrals', { as })).body as Array<{ referralId: string }>).map((r) => r.referralId);
    expect(await referralIds('worker-a')).toContain(own);
    expect(await referralIds('worker-a')).not.toContain(other);
    expect(await referralIds('supervisor')).toEqual(expect.arrayContaining([own, other]));
    const admissions = fixtures.get('shelter/admission')!;
    const admissionIds = async (as: string) =>
      ((await call('shelter', 'GET', '/admissions', { as })).body as Array<{ id: string }>).map((a) => a.id);
    expect(await admissionIds('worker-a')).toEqual([admissions.own]);
    expect(await admissionIds('supervisor')).toEqual(expect.arrayContaining([admissions.own, admissions.other]));
    // An id that is not a UUID is refused before any lookup.
    expect((await call('intake', 'GET', '/cases/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaz', { as: 'worker-a' })).status).toBe(400);
  });

  it('accepts identity-provider tokens for this agency, and refuses a wrong issuer, audience, signature, agency or an expired one', async () => {
    const intakeAgency = network.nodes.get('intake')!.agency;
    const token = (o: { iss?: string; aud?: string; exp?: number | string; agency?: string; key?: typeof idpKey } = {}) =>
      new SignJWT({ rujukan_role: 'supervisor', rujukan_agency: o.agency ?? intakeAgency })
        .setProtectedHeader({ alg: 'ES256', kid: 'test' })
        .setSubject('sso-user-1')
        .setIssuer(o.iss ?? IDP_ISSUER)
        .setAudience(o.aud ?? 'rujukan')
        .setIssuedAt()
        .setExpirationTime(o.exp ?? '5m')
        .sign(o.key ?? idpKey);
    expect((await call('intake', 'GET', '/cases', { token: await token() })).status).toBe(200);
    const stranger = (await generateKeyPair('ES256')).privateKey;
    for (const bad of [
      await token({ iss: 'https://other.example/' }),
      await token({ aud: 'someone-else' }),
      await token({ key: stranger }),
      await token({ exp: Math.floor(Date.now() / 1000) - 120 }),
      await token({ agency: network.nodes.get('shelter')!.agency }),
    ]) {
      expect((await call('intake', 'GET', '/cases', { token: bad })).status).toBe(401);
    }
  });

  it('slows repeated failed sign-ins, then locks the account until an administrator unlocks it', async () => {
    const signIn = (password: string) => call('health', 'POST', '/auth/sign-in', { token: null, body: { username: 'worker-b', password } });
    for (let i = 0; i < 3; i++) expect((await signIn('wrong password here')).status).toBe(401);
    // The next quick attempt is slowed down (a few tries at most: under load one answer may outlast the first window).
    let slowed = await signIn('wrong password here');
    for (let i = 0; i < 4 && slowed.status === 401; i++) slowed = await signIn('wrong password here');
    expect(slowed.status).toBe(429);
    expect(slowed.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Waiting as told each time, the failures go on counting until the lock.
    let last = slowed;
    for (let i = 0; i < 10 && last.status !== 423; i++) {
      if (last.status === 429) await sleep(last.body.retryAfterSeconds * 1000 + 100);
      last = await signIn('wrong password here');
    }
    expect(last.status).toBe(423);
    expect((await signIn(passwords.get('health/worker-b')!)).status).toBe(423); // even the right password
    expect((await call('health', 'POST', `/staff/${ids.get('health/worker-b')}/unlock`, { as: 'admin' })).status).toBe(204);
    expect((await signIn(passwords.get('health/worker-b')!)).status).toBe(200);
    const [failed] = await query<{ n: string }>(
      network.nodes.get('health')!.database,
      `SELECT count(*) n FROM access_record WHERE resource = 'sign-in' AND outcome = 'denied'`,
    );
    expect(Number(failed.n)).toBeGreaterThanOrEqual(6);
    // A username that does not exist is answered exactly like one that does: no enumeration.
    const ghost = (pw: string) => call('health', 'POST', '/auth/sign-in', { token: null, body: { username: 'nobody-here', password: pw } });
    // (The delay doubles with each failure, so on a loaded machine a slow answer may still fall
    // outside the first one-second window: the slow-down must come within a few tries, not at once.)
    const answers: number[] = [];
    for (let i = 0; i < 7 && answers.at(-1) !== 429; i++) answers.push((await ghost('wrong password here')).status);
    expect(answers.slice(0, 3)).toEqual([401, 401, 401]);
    expect(answers.at(-1)).toBe(429);
  }, 60000);

  it('creates the first administrator by command only once', async () => {
    const second = await network
      .command('rehabilitation', ['staff', 'create-admin', 'another'], { STAFF_PASSWORD: 'a long enough password' })
      .catch((e: { stderr: string; code: number }) => e);
    expect((second as { code?: number }).code).toBe(1);
    expect((second as { stderr: string }).stderr).toMatch(/an administrator exists already/);
  });

  it('records reads and writes, marks a read of a case one does not own, and records refusals', async () => {
    const { own, other } = fixtures.get('intake/case')!;
    await call('intake', 'GET', `/cases/${own}`, { as: 'supervisor' });
    await call('intake', 'GET', `/cases/${own}`, { as: 'worker-a' });
    const records = (await call('intake', 'GET', '/access-records', { as: 'admin' })).body as Array<Record<string, unknown>>;
    const about = (id: string) => records.filter((r) => r.resourceId === id);
    expect(about(own)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          staffId: ids.get('intake/supervisor'),
          role: 'supervisor',
          action: 'read',
          resource: 'case',
          notOwner: true,
          outcome: 'allowed',
          route: 'GET /cases/:id',
        }),
        expect.objectContaining({
          staffId: ids.get('intake/worker-a'),
          role: 'case-worker',
          action: 'read',
          notOwner: false,
          outcome: 'allowed',
        }),
        expect.objectContaining({ staffId: ids.get('intake/worker-a'), action: 'write', resource: 'case', route: 'POST /cases' }),
      ]),
    );
    expect(about(other)).toEqual(
      expect.arrayContaining([expect.objectContaining({ staffId: ids.get('intake/worker-b'), action: 'write' })]),
    );
    // A supervisor's list is recorded case by case, each marked when it is not hers.
    await call('intake', 'GET', '/cases', { as: 'supervisor' });
    const listed = ((await call('intake', 'GET', '/access-records', { as: 'admin' })).body as Array<Record<string, unknown>>).filter(
      (r) => r.route === 'GET /cases' && r.staffId === ids.get('intake/supervisor'),
    );
    expect(listed.map((r) => r.resourceId)).toEqual(expect.arrayContaining([own, other]));
    expect(listed.every((r) => r.notOwner === true)).toBe(true);
    const notOwner = (await call('intake', 'GET', '/access-records?notOwner=true', { as: 'admin' })).body as Array<Record<string, unknown>>;
    expect(notOwner.length).toBeGreaterThan(0);
    expect(notOwner.every((r) => r.notOwner === true)).toBe(true);
    const [denied] = await query<{ n: string }>(
      network.nodes.get('intake')!.database,
      `SELECT count(*) n FROM access_record WHERE outcome = 'denied' AND not_owner`,
    );
    expect(Number(denied.n)).toBeGreaterThan(0);
    // Events name the acting staff member by id and role, for the other side's record.
    const [referral] = await query<{ envelope: { payload: { actor?: unknown } } }>(
      network.nodes.get('shelter')!.database,
      `SELECT envelope FROM messaging_outbox WHERE pattern = 'referral.accepted.v1' LIMIT 1`,
    );
    expect(referral.envelope.payload.actor).toEqual({ staffId: expect.any(String), role: 'case-worker' });
  });
});
