import { randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { buildSubject } from '@rujukan/contracts';
import type { NodeRole } from '../../scripts/network/nodes.js';
import { testNik } from '../support/nik.js';
import { Network } from '../../scripts/network/start-network.js';
import { statisticsId } from '../../apps/intake/src/cases/statistics-pseudonym.js';

const execFileAsync = promisify(execFile);
const STATISTICS_KEY = randomBytes(32).toString('hex');
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { SHARED_NATS, storedOnBus } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The seven nodes, each its own process with its own database, on the real
 * bus and PostgreSQL: the first referral flow, a node down during 50
 * referrals, bad input, and a search for leaked identifiers.
 */
describe('the referral network', () => {
  const logs: string[] = [];
  const secrets: string[] = []; // every name and NIK registered in this test
  const realIds: string[] = []; // intake's case and victim ids: reporting must not be able to link back
  let network: Network;

  const node = (role: NodeRole) => network.nodes.get(role)!;
  const db = (role: NodeRole) => node(role).database;
  const shelterId = () => node('shelter').agency;

  /** Bearer tokens per node and username. */
  const tokens = new Map<string, string>();
  const staffIds = new Map<string, string>();

  async function call(role: NodeRole, method: string, path: string, body?: unknown, as = role === 'reporting' ? 'analyst' : 'worker-a') {
    const token = tokens.get(`${role}/${as}`);
    const res = await fetch(`${node(role).url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  function victim(overrides: Record<string, unknown> = {}) {
    const name = `Korban ${randomBytes(6).toString('hex')}`;
    const idNumber = testNik((overrides.sex as 'female' | 'male' | undefined) ?? 'female');
    secrets.push(name, idNumber);
    return {
      name,
      sex: 'female',
      ageYears: 16,
      district: 'Kabupaten Lombok Timur',
      address: `Jalan Rahasia ${randomBytes(3).toString('hex')}`,
      idNumber,
      safetyNotes: 'Recruiter knows her phone number',
      consent: { services: true, statistics: true },
      ...overrides,
    };
  }

  async function registerCase(victims: unknown[], extra: Record<string, unknown> = {}) {
    const res = await call('intake', 'POST', '/cases', {
      channel: 'bp3mi-arrival',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: {
        violenceTypes: ['trafficking', 'exploitation'],
        place: 'workplace',
        perpetratorRelation: 'employer',
        narrative: 'Held in a scam compound',
      },
      victims,
      ...extra,
    });
    expect(res.status).toBe(201);
    realIds.push(res.body.id, ...res.body.victims.map((v: { id: string }) => v.id));
    return res.body;
  }

  const count = async (role: NodeRole, sql: string, params: unknown[] = []) =>
    Number((await query<{ n: string }>(db(role), sql, params))[0].n);

  beforeAll(async () => {
    network = await startSevenNodes({ label: 'net', statisticsKey: STATISTICS_KEY, onLine: (role, line) => logs.push(`${role} ${line}`) });
    const staff = await signInStaff(
      network,
      [
        { username: 'worker-a', role: 'case-worker' },
        { username: 'worker-b', role: 'case-worker' },
        { username: 'supervisor', role: 'supervisor' },
      ],
      [
        { username: 'analyst', role: 'analyst' },
        { username: 'supervisor', role: 'supervisor' },
      ],
    );
    for (const [key, account] of staff) {
      tokens.set(key, account.token);
      staffIds.set(key, account.id);
      secrets.push(account.password, account.token); // neither may appear in any log or table searched below
    }
  });

  afterAll(async () => {
    // A node that needed killing did not shut down cleanly: show its last lines.
    await network?.stop();
    const stuck = logs.filter((l) => l.includes('did not stop within'));
    if (stuck.length) console.warn(`${stuck.join('\n')}\n${logs.slice(-40).join('\n')}`);
    await removeSevenNodes(network);
  });

  it('carries a complaint to the shelter and back, and reporting counts it', async () => {
    const registered = await registerCase([victim(), victim({ sex: 'male', ageYears: 30 })]);
    const [first] = registered.victims;
    const referred = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: first.id,
      service: 'shelter',
      agencyId: shelterId(),
    });
    expect(referred.status).toBe(201);
    const referralId = referred.body.id;

    const incoming = await waitFor('referral at the shelter', async () => {
      const res = await call('shelter', 'GET', `/referrals/${referralId}`);
      return res.status === 200 ? res.body : undefined;
    });
    // Minimum necessary: the shelter gets name, sex, age and safety notes, not the story or the NIK.
    expect(Object.keys(incoming.person).sort()).toEqual(['ageYears', 'name', 'safetyNotes', 'sex']);

    expect((await call('shelter', 'POST', `/referrals/${referralId}/accept`)).status).toBe(200);
    await waitFor(
      'intake sees accepted',
      async () => (await call('intake', 'GET', `/cases/${registered.id}`)).body.referrals[0].state === 'accepted',
    );
    const admitted = await call('shelter', 'POST', `/referrals/${referralId}/admit`, { safetyPlan: 'No visitors' });
    expect(admitted.status).toBe(201);
    const discharged = await call('shelter', 'POST', `/admissions/${admitted.body.id}/discharge`, {
      destination: 'family',
      note: 'Returned to her mother',
    });
    expect(discharged.status).toBe(200);

    const view = await waitFor('intake sees completed', async () => {
      const c = (await call('intake', 'GET', `/cases/${registered.id}`)).body;
      return c.referrals[0].state === 'completed' ? c : undefined;
    });
    expect(view.referrals[0]).toMatchObject({ service: 'shelter', agencyId: shelterId(), outcomeNote: 'Returned to her mother' });

    const stats = await waitFor('reporting counts the case and the completed referral', async () => {
      const cases = (await call('reporting', 'GET', '/statistics/cases')).body;
      const referrals = (await call('reporting', 'GET', '/statistics/referrals')).body;
      return cases.cases >= 1 && referrals.byServiceAndStatus.shelter?.completed === 1 ? { cases, referrals } : undefined;
    });
    expect(stats.cases.casesByViolenceType.trafficking).toBeGreaterThanOrEqual(1);
    expect(stats.cases.victimsBySex).toMatchObject({ female: expect.any(Number), male: expect.any(Number) });
    expect(stats.cases.victimsByAgeBand['13-17']).toBeGreaterThanOrEqual(1);
    expect(
      await count('reporting', 'SELECT count(*) n FROM victim_fact WHERE case_id = $1', [
        statisticsId(STATISTICS_KEY, 'case', registered.id),
      ]),
    ).toBe(2);
  });

  it('delivers all 50 referrals made while the shelter was down, each exactly once', async () => {
    await network.stopNode('shelter');
    const registered = await registerCase(Array.from({ length: 50 }, () => victim()));
    const referralIds: string[] = [];
    for (const v of registered.victims) {
      const res = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
        victimId: v.id,
        service: 'shelter',
        agencyId: shelterId(),
      });
      expect(res.status).toBe(201);
      referralIds.push(res.body.id);
    }
    await network.startNode('shelter');
    await waitFor(
      'all 50 at the shelter',
      async () =>
        (await count('shelter', 'SELECT count(*) n FROM incoming_referral WHERE referral_id = ANY($1::uuid[])', [referralIds])) === 50,
      60000,
    );
    expect(await count('shelter', `SELECT count(*) n FROM messaging_inbox WHERE pattern = 'referral.requested.v1'`)).toBe(51);
    await waitFor(
      'every receipt back at intake',
      async () => (await count('intake', `SELECT count(*) n FROM messaging_outbox WHERE requires_receipt AND receipt_at IS NULL`)) === 0,
      30000,
    );
  });

  it('answers bad input with 400 and field errors, and stores nothing', async () => {
    const casesBefore = await count('intake', 'SELECT count(*) n FROM case_file');
    // Only what these requests could have written: intake's overdue scan emits case.first-response-overdue for earlier cases meanwhile.
    const written = () =>
      count(
        'intake',
        `SELECT count(*) n FROM messaging_outbox WHERE pattern LIKE 'case.registered.%' OR pattern LIKE 'referral.requested.%'`,
      );
    const outboxBefore = await written();
    const res = await call('intake', 'POST', '/cases', {
      channel: 'carrier-pigeon',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: [], place: 'workplace' },
      victims: [
        { name: 'X', sex: 'unknown', district: 'Kota Tanjungpinang', idNumber: '123', consent: { services: true, statistics: 'yes' } },
      ],
      extra: 'field',
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(
      [
        'channel',
        'extra',
        'incident.violenceTypes',
        'victims.0.ageYears',
        'victims.0.consent.statistics',
        'victims.0.idNumber',
        'victims.0.sex',
      ].sort(),
    );
    const badReferral = await call('intake', 'POST', `/cases/${randomUUID()}/referrals`, {
      victimId: 'x',
      service: 'massage',
      agencyId: 'A B',
    });
    expect(badReferral.status).toBe(400);
    expect(Object.keys(badReferral.body.fields).sort()).toEqual(['agencyId', 'service', 'victimId']);
    expect((await call('shelter', 'POST', '/referrals/not-a-uuid/decline', {})).status).toBe(400);
    const unborn = await call('intake', 'POST', '/cases', {
      channel: 'walk-in',
      kind: 'violence-against-children',
      riskLevel: 'low',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['neglect'], place: 'household' },
      victims: [
        { name: 'X', sex: 'male', birthDate: '2999-01-01', district: 'Kota Tanjungpinang', consent: { services: true, statistics: true } },
      ],
    });
    expect(unborn.status).toBe(400);
    expect(Object.keys(unborn.body.fields)).toEqual(['victims.0.birthDate']);
    expect(await count('intake', 'SELECT count(*) n FROM case_file')).toBe(casesBefore);
    expect(await written()).toBe(outboxBefore);
  });

  it('refuses a referral without consent to services, and one to an agency that does not give the service', async () => {
    const registered = await registerCase([victim({ consent: { services: false, statistics: false } })]);
    const v = registered.victims[0];
    const referralsBefore = await count('intake', 'SELECT count(*) n FROM referral');
    // This case's events only: answers to earlier tests' referrals may still be arriving and emit their own.
    const caseEvents = () => count('intake', 'SELECT count(*) n FROM messaging_outbox WHERE case_key = $1', [registered.id]);
    const outboxBefore = await caseEvents();
    const refused = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: v.id,
      service: 'shelter',
      agencyId: shelterId(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/no consent to services/);
    const wrongAgency = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: v.id,
      service: 'health',
      agencyId: shelterId(),
    });
    expect(wrongAgency.status).toBe(400);
    expect(wrongAgency.body.fields.agencyId[0]).toMatch(/does not provide health/);
    expect(await count('intake', 'SELECT count(*) n FROM referral')).toBe(referralsBefore);
    expect(await caseEvents()).toBe(outboxBefore);
    // No statistics consent: reporting holds her de-identified, marked so the consent policy leaves her out.
    const pseudonym = statisticsId(STATISTICS_KEY, 'case', registered.id);
    await waitFor(
      'case counted',
      async () => (await count('reporting', 'SELECT count(*) n FROM case_fact WHERE case_id = $1', [pseudonym])) === 1,
    );
    expect(await count('reporting', 'SELECT count(*) n FROM victim_fact WHERE case_id = $1 AND consented', [pseudonym])).toBe(0);
  });

  it('revokes an open referral at both ends', async () => {
    const registered = await registerCase([victim()]);
    const referred = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: registered.victims[0].id,
      service: 'health',
      agencyId: node('health').agency,
    });
    await waitFor('referral at health', async () => (await call('health', 'GET', `/referrals/${referred.body.id}`)).status === 200);
    expect((await call('intake', 'POST', `/referrals/${referred.body.id}/revoke`, { reason: 'Victim moved to another city' })).status).toBe(
      200,
    );
    await waitFor(
      'revoked at health',
      async () => (await call('health', 'GET', `/referrals/${referred.body.id}`)).body.state === 'revoked',
    );
    expect((await call('health', 'POST', `/referrals/${referred.body.id}/accept`)).status).toBe(409);
  });

  it('lets the shelter discharge a resident whose referral was revoked meanwhile, and counts the stay as delivered', async () => {
    const registered = await registerCase([victim()]);
    const referred = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: registered.victims[0].id,
      service: 'shelter',
      agencyId: shelterId(),
    });
    await waitFor('referral at the shelter', async () => (await call('shelter', 'GET', `/referrals/${referred.body.id}`)).status === 200);
    const admitted = await call('shelter', 'POST', `/referrals/${referred.body.id}/admit`, { safetyPlan: 'Phone kept by staff' });
    expect(admitted.status).toBe(201);
    await waitFor(
      'intake sees accepted',
      async () => (await call('intake', 'GET', `/cases/${registered.id}`)).body.referrals[0].state === 'accepted',
    );
    expect((await call('intake', 'POST', `/referrals/${referred.body.id}/revoke`, { reason: 'Family found' })).status).toBe(200);
    await waitFor(
      'revoked at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${referred.body.id}`)).body.state === 'revoked',
    );
    const discharged = await call('shelter', 'POST', `/admissions/${admitted.body.id}/discharge`, {
      destination: 'family',
      note: 'Collected by her family',
    });
    expect(discharged.status).toBe(200);
    await waitFor(
      'intake sees completed',
      async () => (await call('intake', 'GET', `/cases/${registered.id}`)).body.referrals[0].state === 'completed',
    );
  });

  it('registers an anonymous online complaint with a child perpetrator (ABH), counted apart from child victims', async () => {
    const perpetratorName = `Pelaku ${randomBytes(5).toString('hex')}`;
    secrets.push(perpetratorName);
    const before = (await call('reporting', 'GET', '/statistics/cases')).body;
    const registered = await registerCase([victim({ ageYears: 10, sex: 'male' })], {
      channel: 'online',
      kind: 'child-in-conflict-with-law',
      reporter: { relation: 'neighbour', anonymous: true },
      perpetrators: [
        { name: perpetratorName, sex: 'male', ageYears: 15, relation: 'neighbour' },
        { sex: 'male', ageYears: 34, relation: 'other' },
      ],
    });
    const view = (await call('intake', 'GET', `/cases/${registered.id}`)).body;
    expect(view.reporter).toEqual({ relation: 'neighbour', anonymous: true, name: null, phone: null });
    expect(view.perpetrators.map((p: { child: boolean }) => p.child).sort()).toEqual([false, true]);
    const after = await waitFor('reporting counts the perpetrators', async () => {
      const s = (await call('reporting', 'GET', '/statistics/cases')).body;
      return s.childPerpetrators === before.childPerpetrators + 1 ? s : undefined;
    });
    expect(after.childVictims).toBe(before.childVictims + 1);
    expect(after.perpetratorsByRelation.neighbour).toBe((before.perpetratorsByRelation.neighbour ?? 0) + 1);

    const named = await call('intake', 'POST', '/cases', {
      channel: 'online',
      kind: 'violence-against-children',
      riskLevel: 'low',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['neglect'], place: 'household' },
      victims: [victim()],
      reporter: { relation: 'neighbour', anonymous: true, name: 'Not anonymous at all', phone: '0812 3456 7890' },
    });
    expect(named.status).toBe(400);
    expect(Object.keys(named.body.fields).sort()).toEqual(['reporter.name', 'reporter.phone']);
  });

  it('acts on a withdrawn consent: the open referral is revoked at the agency, and reporting stops counting the victim', async () => {
    const registered = await registerCase([victim()]);
    const v = registered.victims[0];
    const referred = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: v.id,
      service: 'health',
      agencyId: node('health').agency,
    });
    expect(referred.status).toBe(201);
    await waitFor('referral at health', async () => (await call('health', 'GET', `/referrals/${referred.body.id}`)).status === 200);
    const pseudonymousVictim = statisticsId(STATISTICS_KEY, 'victim', v.id);
    await waitFor(
      'victim counted',
      async () =>
        (await count('reporting', 'SELECT count(*) n FROM victim_fact WHERE victim_id = $1 AND consented', [pseudonymousVictim])) === 1,
    );

    const withdrawn = await call('intake', 'POST', `/victims/${v.id}/consents/withdraw`, { purpose: 'services' });
    expect(withdrawn.body).toEqual({ withdrawn: 1, referralsRevoked: 1 });
    await waitFor(
      'revoked at health',
      async () => (await call('health', 'GET', `/referrals/${referred.body.id}`)).body.state === 'revoked',
    );
    const again = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: v.id,
      service: 'health',
      agencyId: node('health').agency,
    });
    expect(again.status).toBe(422);
    // Consent again, for health only: health can be referred, the shelter not.
    expect(
      (await call('intake', 'POST', `/victims/${v.id}/consents`, { purpose: 'services', service: 'health', givenAs: 'signed' })).status,
    ).toBe(201);
    expect(
      (
        await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
          victimId: v.id,
          service: 'health',
          agencyId: node('health').agency,
        })
      ).status,
    ).toBe(201);
    expect(
      (await call('intake', 'POST', `/cases/${registered.id}/referrals`, { victimId: v.id, service: 'shelter', agencyId: shelterId() }))
        .status,
    ).toBe(422);

    expect((await call('intake', 'POST', `/victims/${v.id}/consents/withdraw`, { purpose: 'statistics' })).status).toBe(200);
    await waitFor(
      'victim no longer counted',
      async () =>
        (await count('reporting', 'SELECT count(*) n FROM victim_fact WHERE victim_id = $1 AND consented', [pseudonymousVictim])) === 0,
    );
    const consents = (await call('intake', 'GET', `/victims/${v.id}/consents`)).body as Array<{
      purpose: string;
      withdrawnAt: string | null;
      givenAs: string;
    }>;
    expect(consents.map((c) => [c.purpose, c.withdrawnAt !== null])).toEqual([
      ['services', true],
      ['statistics', true],
      ['services', false],
    ]);
  });

  it('closes a case only when every referral is done, unless a supervisor gives a reason', async () => {
    const registered = await registerCase([victim()]);
    const referred = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: registered.victims[0].id,
      service: 'shelter',
      agencyId: shelterId(),
    });
    const refused = await call('intake', 'POST', `/cases/${registered.id}/close`, { note: 'Done' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/1 referral\(s\) still open \(shelter: requested\)/);
    expect(
      (await call('intake', 'POST', `/cases/${registered.id}/close`, { note: 'Done', overrideReason: 'Victim left the city, unreachable' }))
        .status,
    ).toBe(403);
    const closed = await call(
      'intake',
      'POST',
      `/cases/${registered.id}/close`,
      { note: 'Done', overrideReason: 'Victim left the city, unreachable' },
      'supervisor',
    );
    expect(closed.body).toEqual({ id: registered.id, status: 'closed', openReferrals: 1 });
    const view = (await call('intake', 'GET', `/cases/${registered.id}`)).body;
    expect(view.closure).toMatchObject({
      note: 'Done',
      overrideReason: 'Victim left the city, unreachable',
      by: staffIds.get('intake/supervisor'),
    });
    expect(referred.status).toBe(201);

    // With every referral finished, the case worker closes it herself.
    const second = await registerCase([victim()]);
    const r2 = await call('intake', 'POST', `/cases/${second.id}/referrals`, {
      victimId: second.victims[0].id,
      service: 'health',
      agencyId: node('health').agency,
    });
    expect((await call('intake', 'POST', `/referrals/${r2.body.id}/revoke`, { reason: 'Not needed after all' })).status).toBe(200);
    expect((await call('intake', 'POST', `/cases/${second.id}/close`, { note: 'Resolved by mediation' })).status).toBe(200);
  });

  it('records a twelve-victim scam-compound trafficking case with its recruitment, transit and exploitation stages, counted twelve times', async () => {
    const registered = await registerCase(
      Array.from({ length: 12 }, () => victim()),
      {
        traffickingStages: [
          { stage: 'recruitment', place: 'Kabupaten Lombok Timur', country: 'ID', date: '2026-03-02', notes: 'Job offer on social media' },
          { stage: 'transit', place: 'Pelabuhan Sri Bintan Pura, Tanjungpinang', country: 'ID', date: '2026-03-10' },
          {
            stage: 'exploitation',
            place: 'Compound near Sihanoukville',
            country: 'KH',
            date: '2026-03-20',
            exploitationType: 'forced-criminality',
          },
        ],
      },
    );
    const view = (await call('intake', 'GET', `/cases/${registered.id}`)).body;
    expect(view.victims).toHaveLength(12);
    const ofThisCase = () =>
      count('reporting', 'SELECT count(*) n FROM victim_fact WHERE case_id = $1', [statisticsId(STATISTICS_KEY, 'case', registered.id)]);
    await waitFor('reporting counts twelve victims', async () => (await ofThisCase()) === 12);
    expect(view.traffickingStages.map((s: { stage: string }) => s.stage)).toEqual(['recruitment', 'transit', 'exploitation']);
    expect(view.traffickingStages[2]).toMatchObject({ country: 'KH', exploitationType: 'forced-criminality' });
    const missingType = await call('intake', 'POST', '/cases', {
      channel: 'bp3mi-arrival',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['trafficking'], place: 'workplace' },
      victims: [victim()],
      traffickingStages: [{ stage: 'exploitation', place: 'Somewhere', country: 'Malaysia' }],
    });
    expect(missingType.status).toBe(400);
    expect(Object.keys(missingType.body.fields).sort()).toEqual(['traffickingStages.0.country', 'traffickingStages.0.exploitationType']);
  });

  it('assesses a victim, plans her services, and shows each need as met, pending or refused', async () => {
    const registered = await registerCase([victim()]);
    const v = registered.victims[0];
    const assessed = await call('intake', 'POST', `/cases/${registered.id}/victims/${v.id}/assessments`, {
      psychological: 'Nightmares since the deportation',
      social: 'Family in Lombok Timur willing to receive her',
      needsInOwnWords: 'Saya mau pulang dan bekerja lagi',
      expectations: 'Go home within a month',
    });
    expect(assessed.status).toBe(201);
    const planned = await call('intake', 'POST', `/cases/${registered.id}/plan`, {
      victimId: v.id,
      services: ['shelter', 'health', 'repatriation'],
    });
    expect(planned.body.needs.map((n: { status: string }) => n.status)).toEqual(['pending', 'pending', 'pending']);
    const toShelter = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: v.id,
      service: 'shelter',
      agencyId: shelterId(),
    });
    const toHealth = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: v.id,
      service: 'health',
      agencyId: node('health').agency,
    });
    await waitFor(
      'referrals at the agencies',
      async () =>
        (await call('shelter', 'GET', `/referrals/${toShelter.body.id}`)).status === 200 &&
        (await call('health', 'GET', `/referrals/${toHealth.body.id}`)).status === 200,
    );
    const admitted = await call('shelter', 'POST', `/referrals/${toShelter.body.id}/admit`, { safetyPlan: 'Phone kept by staff' });
    await call('shelter', 'POST', `/admissions/${admitted.body.id}/discharge`, {
      destination: 'repatriation',
      note: 'Handed to the BP3MI escort',
    });
    await call('health', 'POST', `/referrals/${toHealth.body.id}/decline`, { code: 'no-capacity', reason: 'No doctor on duty for a week' });
    const plan = await waitFor('plan follows the agencies', async () => {
      const p = (await call('intake', 'GET', `/cases/${registered.id}/plan`)).body;
      const byService = Object.fromEntries(p.needs.map((n: { service: string; status: string }) => [n.service, n.status]));
      return byService.shelter === 'met' && byService.health === 'refused' ? p : undefined;
    });
    expect(plan.needs.find((n: { service: string }) => n.service === 'repatriation').status).toBe('pending');
    expect(plan.assessments).toEqual([expect.objectContaining({ victimId: v.id, needsInOwnWords: 'Saya mau pulang dan bekerja lagi' })]);
  });

  it('dead-letters a malformed referral at the shelter, lists it and replays it by command', async () => {
    const subject = buildSubject(network.registry.network.prefix, {
      area: 'referral',
      event: 'requested',
      version: 1,
      from: node('intake').agency,
      to: shelterId(),
    });
    const nc = await connect({ servers: SHARED_NATS });
    await (
      await jetstreamManager(nc)
    )
      .jetstream()
      .publish(subject, JSON.stringify({ id: randomUUID(), type: 'referral.requested', payload: {} }));
    await nc.close();
    await waitFor('dead letter at the shelter', async () => (await count('shelter', 'SELECT count(*) n FROM messaging_dead_letter')) === 1);

    const main = resolve('dist/apps/shelter/src/main.js');
    const env = { ...process.env, ...network.environment('shelter') };
    const listed = await execFileAsync(process.execPath, [main, 'dead-letters', 'list'], { env });
    expect(listed.stdout).toMatch(/referral\.requested\.v1 {2}seq=\d+ {2}invalid envelope: /);
    const [{ id }] = await query<{ id: string }>(db('shelter'), 'SELECT id FROM messaging_dead_letter');
    const replay = await execFileAsync(process.execPath, [main, 'dead-letters', 'replay', id], { env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(replay.stdout).toContain(`${id}: dead-lettered`); // still invalid: stays open, with a new letter
    expect((replay as { code?: number }).code).toBe(1);
  });

  it('leaks no name or NIK into reporting, the bus (outside referrals to the shelter) or any log', async () => {
    expect(secrets.length).toBeGreaterThan(100);
    const hex = (s: string) => Buffer.from(s).toString('hex');
    const found = (text: string) => secrets.filter((s) => text.includes(s) || text.includes(hex(s)));

    // Every table and column of the reporting database.
    const tables = await query<{ table_name: string }>(
      db('reporting'),
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['case_fact', 'victim_fact', 'referral_fact', 'messaging_inbox']),
    );
    for (const { table_name } of tables) {
      const rows = await query<{ row: string }>(db('reporting'), `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      const text = rows.map((r) => r.row).join('\n');
      expect({ table: table_name, leaked: found(text), linkable: realIds.filter((id) => text.includes(id)) }).toEqual({
        table: table_name,
        leaked: [],
        linkable: [],
      });
    }

    // Every message in the stream but the referrals addressed to the shelter (and the revoked one to health).
    const { prefix } = network.registry.network;
    const allowed = new Set([
      buildSubject(prefix, { area: 'referral', event: 'requested', version: 1, from: node('intake').agency, to: shelterId() }),
      buildSubject(prefix, { area: 'referral', event: 'requested', version: 1, from: node('intake').agency, to: node('health').agency }),
    ]);
    const nc = await connect({ servers: SHARED_NATS });
    const jsm = await jetstreamManager(nc);
    let checked = 0;
    for (const m of await storedOnBus(jsm, network.registry)) {
      if (allowed.has(m.subject)) continue;
      checked++;
      const text = new TextDecoder().decode(m.data);
      // Broadcasts (what reporting reads) carry pseudonymous ids only.
      const linkable = m.subject.endsWith('.all') ? realIds.filter((id) => text.includes(id)) : [];
      expect({ subject: m.subject, leaked: found(text), linkable }).toEqual({ subject: m.subject, leaked: [], linkable: [] });
    }
    await nc.close();
    expect(checked).toBeGreaterThan(50);

    // Every node's log output.
    expect(logs.length).toBeGreaterThan(50);
    expect(found(logs.join('\n'))).toEqual([]);
  });
});
