import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NodeRole } from '../../scripts/network/nodes.js';
import type { Network } from '../../scripts/network/start-network.js';
import { statisticsId } from '../../apps/intake/src/cases/statistics-pseudonym.js';
import { query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { SHARED_NATS } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

const STATISTICS_KEY = randomBytes(32).toString('hex');

/** Today in Asia/Jakarta, the nodes' default zone. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
  new Date(),
);
const TOMORROW = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 2 * 86400000).toISOString().slice(0, 10);
const DAYS_AGO = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86400000).toISOString().slice(0, 10);

/**
 * A Puskesmas/hospital PPT and a police Unit PPA on the real bus, each its
 * own process with its own database: care under a health referral, the
 * criminal case under a law-enforcement referral, and the visum et repertum
 * between them (requested, issued by reference, declined, pending until the
 * health referral exists); what reporting counts; what never leaves a node.
 */
describe('health and legal-aid nodes', () => {
  let network: Network;
  const tokens = new Map<string, string>();
  const secrets: string[] = []; // names, NIKs, counsel's name, clinical notes: never in reporting or a broadcast

  const node = (role: NodeRole) => network.nodes.get(role)!;
  const db = (role: NodeRole) => node(role).database;
  const count = async (role: NodeRole, sql: string, params: unknown[] = []) =>
    Number((await query<{ n: string }>(db(role), sql, params))[0].n);

  async function call(role: NodeRole, method: string, path: string, as = 'worker-a', body?: unknown) {
    const res = await fetch(`${node(role).url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${role}/${as}`)}` },
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Registers a one-victim case at intake (consent to services and statistics) and returns the case and victim ids. */
  async function registerVictim(violenceTypes: string[] = ['trafficking', 'sexual', 'physical']) {
    const name = `Korban ${randomBytes(5).toString('hex')}`;
    const idNumber = testNik('female', '2000-05-06');
    secrets.push(name, idNumber);
    const res = await call('intake', 'POST', '/cases', 'worker-a', {
      channel: 'bp3mi-arrival',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes, place: 'workplace', perpetratorRelation: 'employer', narrative: 'Held and beaten in a scam compound' },
      victims: [
        {
          name,
          sex: 'female',
          birthDate: '2000-05-06',
          district: 'Kota Tanjungpinang',
          idNumber,
          consent: { services: true, statistics: true },
        },
      ],
    });
    expect(res.status).toBe(201);
    return { caseId: res.body.id as string, victimId: res.body.victims[0].id as string };
  }

  /** Intake refers her; the agency's worker-a accepts it. */
  async function referAndAccept(v: { caseId: string; victimId: string }, role: 'health' | 'legal-aid', service: string): Promise<string> {
    const referred = await call('intake', 'POST', `/cases/${v.caseId}/referrals`, 'worker-a', {
      victimId: v.victimId,
      service,
      agencyId: node(role).agency,
    });
    expect(referred.status).toBe(201);
    await waitFor(
      `referral at ${role}`,
      async () => (await call(role, 'GET', `/referrals/${referred.body.id}`, 'supervisor')).status === 200,
    );
    expect((await call(role, 'POST', `/referrals/${referred.body.id}/accept`)).status).toBe(200);
    return referred.body.id;
  }

  async function legalCase(referralId: string) {
    const res = await call('legal-aid', 'GET', `/referrals/${referralId}/legal-case`);
    expect(res.status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'healthlaw',
      statisticsKey: STATISTICS_KEY,
      roles: ['intake', 'health', 'legal-aid', 'reporting'],
    });
    const staff = await signInStaff(
      network,
      [
        { username: 'worker-a', role: 'case-worker' },
        { username: 'worker-b', role: 'case-worker' },
        { username: 'supervisor', role: 'supervisor' },
      ],
      [{ username: 'analyst', role: 'analyst' }],
    );
    for (const [key, account] of staff) tokens.set(key, account.token);
  });

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  let first: { caseId: string; victimId: string; health: string; police: string; visumId: string };

  it('examines and treats at health, follows the case to a verdict at the police, and passes the visum by reference', async () => {
    const v = await registerVictim();
    const health = await referAndAccept(v, 'health', 'health');
    const police = await referAndAccept(v, 'legal-aid', 'law-enforcement');

    // Health: an examination and a treatment; the findings stay at the hospital.
    const findings = `Bruises on both forearms ${randomBytes(4).toString('hex')}`;
    secrets.push(findings);
    const exam = await call('health', 'POST', `/referrals/${health}/examinations`, 'worker-a', {
      examinedOn: TODAY,
      kind: 'injury',
      findings,
    });
    expect(exam.status).toBe(201);
    expect(exam.body).toMatchObject({ activity: 'medical-examination', occurredOn: TODAY, kind: 'injury', notes: findings });
    expect(exam.body.serviceRecordId).toEqual(exam.body.id);
    expect(
      (await call('health', 'POST', `/referrals/${health}/treatments`, 'worker-a', { treatedOn: TODAY, kind: 'wound-care' })).status,
    ).toBe(201);

    // Bad input: 400 naming the fields, nothing stored.
    const before = await count('health', 'SELECT count(*) n FROM health_record');
    const bad = await call('health', 'POST', `/referrals/${health}/examinations`, 'worker-a', {
      examinedOn: '2026-13-40',
      kind: 'x-ray-vision',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['examinedOn', 'extra', 'kind']);
    const future = await call('health', 'POST', `/referrals/${health}/treatments`, 'worker-a', { treatedOn: TOMORROW, kind: 'medication' });
    expect(future.status).toBe(400);
    expect(Object.keys(future.body.fields)).toEqual(['treatedOn']);
    const upToShelter = await call('health', 'POST', `/referrals/${health}/hospital-referrals`, 'worker-a', {
      referredOn: TODAY,
      toAgencyId: node('legal-aid').agency,
      reason: 'specialist-care',
    });
    expect(upToShelter.status).toBe(400);
    expect(upToShelter.body.fields.toAgencyId[0]).toMatch(/not a health node/);
    // Another case worker may not write on her patient's record.
    expect(
      (await call('health', 'POST', `/referrals/${health}/visits`, 'worker-b', { visitedOn: TODAY, setting: 'outpatient' })).status,
    ).toBe(403);
    expect(await count('health', 'SELECT count(*) n FROM health_record')).toBe(before);
    const records = (await call('health', 'GET', `/referrals/${health}/health-records`)).body as Array<{ activity: string }>;
    expect(records.map((r) => r.activity)).toEqual(['medical-examination', 'medical-treatment']);

    // Police: the report, then the visum request to the hospital chosen from the directory.
    const agencies = (await call('legal-aid', 'GET', '/health-agencies')).body;
    expect(agencies).toEqual([{ id: node('health').agency, name: expect.any(String) }]);
    const report = await call('legal-aid', 'POST', `/referrals/${police}/police-report`, 'worker-a', {
      reportNumber: 'LP/B/123/III/2026/SPKT/POLRESTA TANJUNGPINANG',
      reportedOn: DAYS_AGO(3),
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      changed: true,
      stage: 'report',
      policeReportNumber: 'LP/B/123/III/2026/SPKT/POLRESTA TANJUNGPINANG',
    });
    expect(
      (
        await call('legal-aid', 'POST', `/referrals/${police}/police-report`, 'worker-a', {
          reportNumber: 'LP/B/999/III/2026/SPKT',
          reportedOn: DAYS_AGO(3),
        })
      ).status,
    ).toBe(409);
    // The same number with another date contradicts the report recorded: 409 saying so.
    const otherDate = await call('legal-aid', 'POST', `/referrals/${police}/police-report`, 'worker-a', {
      reportNumber: 'LP/B/123/III/2026/SPKT/POLRESTA TANJUNGPINANG',
      reportedOn: DAYS_AGO(2),
    });
    expect(otherDate.status).toBe(409);
    expect(otherDate.body.message).toBe(
      `police report LP/B/123/III/2026/SPKT/POLRESTA TANJUNGPINANG is recorded with the date ${DAYS_AGO(3)}, not ${DAYS_AGO(2)}`,
    );

    const ask = {
      healthAgencyId: node('health').agency,
      kind: 'physical',
      letterNumber: 'B/45/III/2026/Reskrim',
      requestedOn: DAYS_AGO(2),
    };
    const notHealth = await call('legal-aid', 'POST', `/referrals/${police}/visum-requests`, 'worker-a', {
      ...ask,
      healthAgencyId: node('intake').agency,
    });
    expect(notHealth.status).toBe(400);
    expect(Object.keys(notHealth.body.fields)).toEqual(['healthAgencyId']);
    const requested = await call('legal-aid', 'POST', `/referrals/${police}/visum-requests`, 'worker-a', ask);
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ state: 'requested', healthAgencyId: node('health').agency });
    expect((await call('legal-aid', 'POST', `/referrals/${police}/visum-requests`, 'worker-a', ask)).status).toBe(409);
    expect((await call('legal-aid', 'POST', `/referrals/${police}/visum-requests`, 'worker-b', ask)).status).toBe(403);

    // Health finds it matched to her referral, and issues it.
    const atHealth = await waitFor('the visum request at health', async () => {
      const res = await call('health', 'GET', `/visum-requests/${requested.body.id}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(atHealth).toMatchObject({
      state: 'requested',
      caseId: v.caseId,
      victimId: v.victimId,
      matchedReferralId: health,
      waitingForReferral: false,
      letterNumber: ask.letterNumber,
    });
    expect((await call('health', 'GET', `/visum-requests/${requested.body.id}`, 'worker-b')).status).toBe(403);
    const badIssue = await call('health', 'POST', `/visum-requests/${requested.body.id}/issue`, 'worker-a', {
      referenceNumber: '',
      issuedOn: 'yesterday',
    });
    expect(badIssue.status).toBe(400);
    expect(Object.keys(badIssue.body.fields).sort()).toEqual(['issuedOn', 'referenceNumber']);
    const issued = await call('health', 'POST', `/visum-requests/${requested.body.id}/issue`, 'worker-a', {
      referenceNumber: 'VER/017/RSUD-TPI/III/2026',
      issuedOn: TODAY,
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ state: 'issued', referralId: health, referenceNumber: 'VER/017/RSUD-TPI/III/2026' });
    expect(
      (
        await call('health', 'POST', `/visum-requests/${requested.body.id}/issue`, 'worker-a', {
          referenceNumber: 'VER/018/RSUD-TPI/III/2026',
          issuedOn: TODAY,
        })
      ).status,
    ).toBe(409);
    expect(
      (await call('health', 'POST', `/visum-requests/${requested.body.id}/decline`, 'worker-a', { reason: 'cannot-examine' })).status,
    ).toBe(409);

    // The police see the reference and date; never the report.
    const withVisum = await waitFor('the visum reference at the police', async () => {
      const c = await legalCase(police);
      return c.visumRequests[0]?.state === 'issued' ? c : undefined;
    });
    expect(withVisum.visumRequests[0]).toMatchObject({
      referenceNumber: 'VER/017/RSUD-TPI/III/2026',
      issuedOn: TODAY,
      declineReason: null,
    });

    // Counsel and accompaniment; a restitution claim (she is a trafficking victim).
    const counselName = `Advokat ${randomBytes(4).toString('hex')}`;
    secrets.push(counselName);
    expect(
      (
        await call('legal-aid', 'POST', `/referrals/${police}/counsel`, 'worker-a', {
          counselName,
          organisation: 'LBH APIK Kepri',
          assignedOn: DAYS_AGO(2),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('legal-aid', 'POST', `/referrals/${police}/accompaniments`, 'worker-a', {
          accompaniedOn: DAYS_AGO(1),
          kind: 'police-examination',
        })
      ).status,
    ).toBe(201);
    const claim = await call('legal-aid', 'POST', `/referrals/${police}/restitution-claims`, 'worker-a', {
      filedOn: TODAY,
      filedWith: 'investigator',
      amountIdr: 85_000_000,
    });
    expect(claim.status).toBe(201);
    expect(claim.body.amountIdr).toBe(85_000_000); // a number, as sent
    // Diversion is for a child in conflict with the law; she is 25.
    const diversion = await call('legal-aid', 'POST', `/referrals/${police}/diversions`, 'worker-a', {
      heldOn: TODAY,
      level: 'investigation',
      result: 'agreement',
    });
    expect(diversion.status).toBe(409);
    expect(diversion.body.message).toMatch(/12 to 17 years/);

    // Stages: forward only; a verdict needs its outcome; a late stage changes nothing.
    const trial = await call('legal-aid', 'POST', `/referrals/${police}/stages`, 'worker-a', { stage: 'trial', occurredOn: DAYS_AGO(1) });
    expect(trial.status).toBe(200);
    expect(trial.body).toMatchObject({ changed: true, stage: 'trial' });
    const noOutcome = await call('legal-aid', 'POST', `/referrals/${police}/stages`, 'worker-a', { stage: 'verdict', occurredOn: TODAY });
    expect(noOutcome.status).toBe(400);
    expect(Object.keys(noOutcome.body.fields)).toEqual(['outcome']);
    const backdated = await call('legal-aid', 'POST', `/referrals/${police}/stages`, 'worker-a', {
      stage: 'verdict',
      occurredOn: DAYS_AGO(5),
      outcome: 'convicted',
    });
    expect(backdated.status).toBe(400);
    expect(Object.keys(backdated.body.fields)).toEqual(['occurredOn']);
    const verdict = await call('legal-aid', 'POST', `/referrals/${police}/stages`, 'worker-a', {
      stage: 'verdict',
      occurredOn: TODAY,
      outcome: 'convicted',
    });
    expect(verdict.status).toBe(200);
    expect(verdict.body).toMatchObject({ changed: true, stage: 'verdict', verdictOutcome: 'convicted' });
    // The same verdict again changes nothing; another outcome contradicts it (409).
    const again = await call('legal-aid', 'POST', `/referrals/${police}/stages`, 'worker-a', {
      stage: 'verdict',
      occurredOn: TODAY,
      outcome: 'convicted',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: false, verdictOutcome: 'convicted' });
    expect(again.body.restitutionClaims.map((c: { amountIdr: unknown }) => c.amountIdr)).toEqual([85_000_000]);
    const otherVerdict = await call('legal-aid', 'POST', `/referrals/${police}/stages`, 'worker-a', {
      stage: 'verdict',
      occurredOn: TODAY,
      outcome: 'acquitted',
    });
    expect(otherVerdict.status).toBe(409);
    expect(otherVerdict.body.message).toBe(
      'a verdict (convicted) is recorded already; a verdict with another outcome (acquitted) is not taken',
    );
    const late = await call('legal-aid', 'POST', `/referrals/${police}/stages`, 'worker-a', {
      stage: 'investigation',
      occurredOn: DAYS_AGO(2),
    });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ changed: false, stage: 'verdict', verdictOutcome: 'convicted' });
    expect(late.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['report', 'trial', 'verdict']);
    expect((await call('legal-aid', 'GET', '/legal-cases?stage=verdict')).body.map((c: { referralId: string }) => c.referralId)).toContain(
      police,
    );
    expect(
      (await call('legal-aid', 'GET', '/legal-cases', 'worker-b')).body.map((c: { referralId: string }) => c.referralId),
    ).not.toContain(police);

    // Reporting: the right activities and indicators for her pseudonym, once each.
    const pseudonym = statisticsId(STATISTICS_KEY, 'victim', v.victimId);
    const expected = [
      'health medical-examination health -',
      'health medical-treatment health -',
      'health visum-issued health -',
      'law-enforcement accompaniment legal-aid -',
      'law-enforcement counsel-assigned legal-aid -',
      'law-enforcement police-report - -',
      'law-enforcement restitution-claim legal-aid -',
      'law-enforcement trial - -',
      'law-enforcement verdict law-enforcement convicted',
    ];
    const facts = await waitFor('reporting counts her services', async () => {
      const rows = await query<{
        service: string;
        activity: string;
        indicator: string | null;
        outcome: string | null;
        agency_id: string;
        case_id: string;
      }>(db('reporting'), 'SELECT service, activity, indicator, outcome, agency_id, case_id FROM service_fact WHERE victim_id = $1', [
        pseudonym,
      ]);
      return rows.length === expected.length ? rows : undefined;
    });
    expect(facts.map((f) => `${f.service} ${f.activity} ${f.indicator ?? '-'} ${f.outcome ?? '-'}`).sort()).toEqual(expected);
    expect(new Set(facts.map((f) => f.case_id))).toEqual(new Set([statisticsId(STATISTICS_KEY, 'case', v.caseId)]));
    expect(facts.filter((f) => f.service === 'health').every((f) => f.agency_id === node('health').agency)).toBe(true);

    // Completing the referral at health; then nothing more is recorded under it.
    expect(
      (await call('health', 'POST', `/referrals/${health}/complete`, 'worker-a', { note: 'Wounds healed; follow-up at Puskesmas' })).status,
    ).toBe(200);
    const afterCompletion = await call('health', 'POST', `/referrals/${health}/visits`, 'worker-a', {
      visitedOn: TODAY,
      setting: 'outpatient',
    });
    expect(afterCompletion.status).toBe(409);
    expect(afterCompletion.body.message).toBe('referral is completed; the service is finished and takes no new record');
    first = { ...v, health, police, visumId: requested.body.id };
  });

  it('keeps a visum request for a victim health never saw pending until her referral is accepted there; declines with a reason', async () => {
    // Referred to the police only: the hospital has no such patient.
    const v = await registerVictim(['physical']);
    const police = await referAndAccept(v, 'legal-aid', 'law-enforcement');
    const requested = await call('legal-aid', 'POST', `/referrals/${police}/visum-requests`, 'worker-a', {
      healthAgencyId: node('health').agency,
      kind: 'physical',
      letterNumber: 'B/46/III/2026/Reskrim',
      requestedOn: TODAY,
    });
    expect(requested.status).toBe(201);
    const pending = await waitFor('the request at health', async () => {
      const res = await call('health', 'GET', `/visum-requests/${requested.body.id}`, 'supervisor');
      return res.status === 200 ? res.body : undefined;
    });
    expect(pending).toMatchObject({ state: 'requested', matchedReferralId: null, waitingForReferral: true });
    const refused = await call('health', 'POST', `/visum-requests/${requested.body.id}/issue`, 'supervisor', {
      referenceNumber: 'VER/020/RSUD-TPI/III/2026',
      issuedOn: TODAY,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/no accepted health referral/);
    // Restitution is not for a victim of physical violence only.
    expect(
      (
        await call('legal-aid', 'POST', `/referrals/${police}/restitution-claims`, 'worker-a', {
          filedOn: TODAY,
          filedWith: 'court',
          amountIdr: 1000,
        })
      ).status,
    ).toBe(409);

    // Intake refers her to health; once accepted there, the same request matches and is issued.
    const health = await referAndAccept(v, 'health', 'health');
    expect((await call('health', 'GET', `/visum-requests/${requested.body.id}`, 'supervisor')).body).toMatchObject({
      matchedReferralId: health,
      waitingForReferral: false,
    });
    expect(
      (
        await call('health', 'POST', `/visum-requests/${requested.body.id}/issue`, 'worker-a', {
          referenceNumber: 'VER/020/RSUD-TPI/III/2026',
          issuedOn: TODAY,
        })
      ).status,
    ).toBe(200);
    await waitFor('issued at the police', async () => (await legalCase(police)).visumRequests[0]?.state === 'issued');

    // A third victim health never sees: staff decline, and the police see why.
    const w = await registerVictim(['physical']);
    const policeW = await referAndAccept(w, 'legal-aid', 'law-enforcement');
    const askW = await call('legal-aid', 'POST', `/referrals/${policeW}/visum-requests`, 'worker-a', {
      healthAgencyId: node('health').agency,
      kind: 'sexual',
      letterNumber: 'B/47/III/2026/Reskrim',
      requestedOn: TODAY,
    });
    await waitFor(
      'the request at health',
      async () => (await call('health', 'GET', `/visum-requests/${askW.body.id}`, 'supervisor')).status === 200,
    );
    const badDecline = await call('health', 'POST', `/visum-requests/${askW.body.id}/decline`, 'worker-a', { reason: 'busy' });
    expect(badDecline.status).toBe(400);
    expect(Object.keys(badDecline.body.fields)).toEqual(['reason']);
    const declined = await call('health', 'POST', `/visum-requests/${askW.body.id}/decline`, 'worker-a', {
      reason: 'no-such-patient',
      note: 'Not seen here; try RS Bhayangkara',
    });
    expect(declined.status).toBe(200);
    const seen = await waitFor('the decline at the police', async () => {
      const c = await legalCase(policeW);
      return c.visumRequests[0]?.state === 'declined' ? c.visumRequests[0] : undefined;
    });
    expect(seen).toMatchObject({
      declineReason: 'no-such-patient',
      declineNote: 'Not seen here; try RS Bhayangkara',
      referenceNumber: null,
    });
    // She may be asked again, now to be examined.
    expect(
      (
        await call('legal-aid', 'POST', `/referrals/${policeW}/visum-requests`, 'worker-a', {
          healthAgencyId: node('health').agency,
          kind: 'sexual',
          letterNumber: 'B/48/III/2026/Reskrim',
          requestedOn: TODAY,
        })
      ).status,
    ).toBe(201);
  });

  it('a second delivery of the same visum events changes nothing', async () => {
    const nc = await connect({ servers: SHARED_NATS });
    try {
      const js = (await jetstreamManager(nc)).jetstream();
      for (const [sender, pattern, receiver] of [
        ['legal-aid', 'visum.requested.v1', 'health'],
        ['health', 'visum.issued.v1', 'legal-aid'],
      ] as const) {
        const [row] = await query<{ subject: string; envelope: { id: string } }>(
          db(sender),
          `SELECT subject, envelope FROM messaging_outbox WHERE pattern = $1 AND envelope->'payload'->>'requestId' = $2`,
          [pattern, first.visumId],
        );
        expect(row).toBeDefined();
        // The sender re-sends (a fresh message id, as its receipt timer does): the receiver's inbox sees the same event id again.
        await js.publish(row.subject, JSON.stringify(row.envelope), { msgID: `${row.envelope.id}:resent` });
        await waitFor(
          `the duplicate at ${receiver}`,
          async () =>
            (await count(receiver, 'SELECT count(*) n FROM messaging_inbox WHERE event_id = $1 AND duplicate_deliveries >= 1', [
              row.envelope.id,
            ])) === 1,
        );
      }
    } finally {
      await nc.close();
    }
    expect(await count('health', 'SELECT count(*) n FROM visum_request WHERE id = $1', [first.visumId])).toBe(1);
    expect((await call('health', 'GET', `/visum-requests/${first.visumId}`)).body).toMatchObject({
      state: 'issued',
      referenceNumber: 'VER/017/RSUD-TPI/III/2026',
    });
    expect(await count('legal-aid', 'SELECT count(*) n FROM visum_request WHERE id = $1', [first.visumId])).toBe(1);
    expect((await legalCase(first.police)).visumRequests).toEqual([
      expect.objectContaining({ id: first.visumId, state: 'issued', referenceNumber: 'VER/017/RSUD-TPI/III/2026' }),
    ]);
    expect(
      await count('reporting', `SELECT count(*) n FROM service_fact WHERE activity = 'visum-issued' AND victim_id = $1`, [
        statisticsId(STATISTICS_KEY, 'victim', first.victimId),
      ]),
    ).toBe(1);
  });

  it('no name, NIK, counsel, finding or letter reaches reporting or a broadcast; visum events carry references only', async () => {
    // Every table of reporting's database, row by row.
    const tables = await query<{ table_name: string }>(
      db('reporting'),
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toContain('service_fact');
    let reportingText = '';
    for (const { table_name } of tables) {
      const [row] = await query<{ t: string | null }>(
        db('reporting'),
        `SELECT string_agg(row_to_json(x)::text, ' ') t FROM "${table_name}" x`,
      );
      reportingText += row.t ?? '';
    }
    // The agencies tell intake their services (addressed); intake broadcasts them under her pseudonyms.
    const serviceFacts: string[] = [];
    for (const role of ['health', 'legal-aid'] as const) {
      expect(await count(role, `SELECT count(*) n FROM messaging_outbox WHERE recipient = 'all'`)).toBe(0);
      for (const r of await query<{ envelope: unknown }>(
        db(role),
        `SELECT envelope FROM messaging_outbox WHERE pattern = 'service.provided.v1'`,
      ))
        serviceFacts.push(JSON.stringify(r.envelope));
    }
    expect(serviceFacts.length).toBe(10); // nine service records of the first victim, the second victim's visum
    const broadcasts = (
      await query<{ envelope: unknown }>(db('intake'), `SELECT envelope FROM messaging_outbox WHERE pattern = 'service.recorded.v2'`)
    ).map((r) => JSON.stringify(r.envelope));
    expect(broadcasts.length).toBe(10);
    const visumEvents = (
      await query<{ envelope: unknown }>(db('legal-aid'), `SELECT envelope FROM messaging_outbox WHERE pattern LIKE 'visum.%'`)
    )
      .concat(await query<{ envelope: unknown }>(db('health'), `SELECT envelope FROM messaging_outbox WHERE pattern LIKE 'visum.%'`))
      .map((r) => JSON.stringify(r.envelope));
    expect(visumEvents.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) {
      expect({ secret, inReporting: reportingText.includes(secret) }).toEqual({ secret, inReporting: false });
      expect({ secret, inBroadcast: broadcasts.some((b) => b.includes(secret)) }).toEqual({ secret, inBroadcast: false });
      expect({ secret, inServiceFact: serviceFacts.some((b) => b.includes(secret)) }).toEqual({ secret, inServiceFact: false });
      expect({ secret, inVisumEvent: visumEvents.some((e) => e.includes(secret)) }).toEqual({ secret, inVisumEvent: false });
    }
    // Broadcasts carry no letter or report numbers, nor intake's real ids; service facts no letter or report number.
    for (const f of serviceFacts) expect(f).not.toMatch(/B\/4\d\/III|VER\/0|LP\/B/);
    for (const b of broadcasts) {
      expect(b).not.toMatch(/B\/4\d\/III|VER\/0|LP\/B/);
      expect(b).not.toContain(first.victimId);
      expect(b).not.toContain(first.caseId);
    }
  });
});
