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
import { SHARED_NATS, storedOnBus } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

const STATISTICS_KEY = randomBytes(32).toString('hex');

/** A calendar day in Jakarta (the nodes' default zone), `offset` days from today. */
function day(offset = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );
}

/**
 * After the deportation: a woman sent back from Johor through Tanjungpinang
 * is referred by the UPTD PPA for social rehabilitation and spiritual
 * guidance (Dinas Sosial) and for repatriation and social reintegration
 * (BP3MI). Intake, rehabilitation, reintegration and reporting, each its own
 * process with its own database, on the real bus and PostgreSQL.
 */
describe('rehabilitation and reintegration', () => {
  let network: Network;
  const tokens = new Map<string, string>();
  const staffIds = new Map<string, string>();
  const secrets: string[] = []; // names and NIKs registered here
  const realIds: string[] = []; // intake's case, victim and referral ids
  /** Words written in session notes, findings and visit outcomes: they must stay at the agency. */
  const localNotes: string[] = [];

  const node = (role: NodeRole) => network.nodes.get(role)!;
  const db = (role: NodeRole) => node(role).database;

  async function call(role: NodeRole, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${node(role).url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${role}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  const count = async (role: NodeRole, sql: string, params: unknown[] = []) =>
    Number((await query<{ n: string }>(db(role), sql, params))[0].n);

  function note(text: string): string {
    const marked = `${text} [${randomBytes(5).toString('hex')}]`;
    localNotes.push(marked);
    return marked;
  }

  /** Registers a woman deported from Malaysia through Tanjungpinang, with consent to services and statistics. */
  async function registerDeportee(as = 'worker-a') {
    const name = `Wulan ${randomBytes(5).toString('hex')}`;
    const idNumber = testNik('female', '1997-03-14');
    secrets.push(name, idNumber);
    const res = await call('intake', 'POST', '/cases', as, {
      channel: 'bp3mi-arrival',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: {
        violenceTypes: ['trafficking', 'psychological'],
        place: 'workplace',
        perpetratorRelation: 'employer',
        narrative: 'Deported from Johor Bahru through Tanjungpinang',
      },
      victims: [
        {
          name,
          sex: 'female',
          birthDate: '1997-03-14',
          district: 'Kabupaten Lombok Timur',
          idNumber,
          consent: { services: true, statistics: true },
        },
      ],
      traffickingStages: [{ stage: 'exploitation', place: 'Johor Bahru', country: 'MY', exploitationType: 'domestic-servitude' }],
    });
    expect(res.status).toBe(201);
    realIds.push(res.body.id, res.body.victims[0].id);
    return { caseId: res.body.id as string, victimId: res.body.victims[0].id as string };
  }

  /** Refers her for `service` and waits for the referral at the agency's node. */
  async function refer(c: { caseId: string; victimId: string }, service: string, as = 'worker-a'): Promise<string> {
    const role: NodeRole = ['social-rehabilitation', 'spiritual-guidance'].includes(service) ? 'rehabilitation' : 'reintegration';
    const res = await call('intake', 'POST', `/cases/${c.caseId}/referrals`, as, {
      victimId: c.victimId,
      service,
      agencyId: node(role).agency,
    });
    expect(res.status).toBe(201);
    realIds.push(res.body.id);
    await waitFor(
      `the ${service} referral at ${role}`,
      async () => (await call(role, 'GET', `/referrals/${res.body.id}`, 'supervisor')).status === 200,
    );
    return res.body.id;
  }

  async function accept(role: NodeRole, referralId: string, as = 'worker-a') {
    expect((await call(role, 'POST', `/referrals/${referralId}/accept`, as)).status).toBe(200);
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'rehab',
      statisticsKey: STATISTICS_KEY,
      roles: ['intake', 'rehabilitation', 'reintegration', 'reporting'],
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
    for (const [key, account] of staff) {
      tokens.set(key, account.token);
      staffIds.set(key, account.id);
    }
  });

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  it('serves her from assessment to hand-over at home and follow-up, completes every referral and counts each service for its indicator', async () => {
    const her = await registerDeportee();
    const rehabilitation = await refer(her, 'social-rehabilitation');
    const guidance = await refer(her, 'spiritual-guidance');
    const repatriation = await refer(her, 'repatriation');
    const reintegration = await refer(her, 'social-reintegration');
    for (const id of [rehabilitation, guidance]) await accept('rehabilitation', id);
    for (const id of [repatriation, reintegration]) await accept('reintegration', id);

    // Dinas Sosial: the psychologist assesses her, plans eight sessions, holds two; the rohaniwan one guidance session.
    const assessed = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/assessment`, 'worker-a', {
      assessedOn: day(),
      riskLevel: 'medium',
      concerns: ['trauma-symptoms', 'anxiety', 'stigma'],
      findings: note('Nightmares about the employer; afraid of what the village will say'),
    });
    expect(assessed.status).toBe(201);
    expect(assessed.body).toMatchObject({
      referralId: rehabilitation,
      counsellorId: staffIds.get('rehabilitation/worker-a'),
      riskLevel: 'medium',
    });
    const planned = await call('rehabilitation', 'PUT', `/referrals/${rehabilitation}/rehabilitation-plan`, 'worker-a', {
      goals: ['Sleeps through the night', 'Can talk about going home without panic'],
      plannedSessions: 8,
    });
    expect(planned.status).toBe(201);
    const revised = await call('rehabilitation', 'PUT', `/referrals/${rehabilitation}/rehabilitation-plan`, 'worker-a', {
      goals: ['Sleeps through the night', 'Can talk about going home without panic', 'Knows where to get help in Lombok'],
      plannedSessions: 6,
    });
    expect(revised.status).toBe(200);
    for (const minutes of [60, 45]) {
      const s = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/sessions`, 'worker-a', {
        kind: 'counselling',
        heldOn: day(),
        durationMinutes: minutes,
        notes: note('Breathing exercises; talked about her mother'),
      });
      expect(s.status).toBe(201);
    }
    const spiritual = await call('rehabilitation', 'POST', `/referrals/${guidance}/sessions`, 'worker-a', {
      kind: 'spiritual-guidance',
      heldOn: day(),
      durationMinutes: 30,
      counsellorId: 'ustadzah-dinsos-01',
      notes: note('Prayed together; asked about forgiveness'),
    });
    expect(spiritual.status).toBe(201);
    expect(spiritual.body.counsellorId).toBe('ustadzah-dinsos-01');

    const progress = (await call('rehabilitation', 'GET', `/referrals/${rehabilitation}/rehabilitation`, 'worker-a')).body;
    expect(progress.progress).toEqual({ sessionsHeld: 2, plannedSessions: 6, minutes: 105 });
    expect(progress.plan.goals).toHaveLength(3);
    expect(progress.assessment.concerns).toEqual(['trauma-symptoms', 'anxiety', 'stigma']);
    const caseload = (await call('rehabilitation', 'GET', '/rehabilitation', 'worker-a')).body as Array<{
      referralId: string;
      sessionsHeld: number;
      assessed: boolean;
    }>;
    expect(caseload.find((c) => c.referralId === rehabilitation)).toMatchObject({
      sessionsHeld: 2,
      assessed: true,
      plannedSessions: 6,
      lastSessionOn: day(),
    });
    expect(caseload.find((c) => c.referralId === guidance)).toMatchObject({ sessionsHeld: 1, assessed: false });

    const completed = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/complete`, 'worker-a', {
      outcome: 'partly-met',
      note: 'Two sessions before she went home; Dinas Sosial Lombok Timur to continue',
    });
    expect(completed.status).toBe(200);
    expect(
      (
        await call('rehabilitation', 'POST', `/referrals/${guidance}/complete`, 'worker-a', {
          outcome: 'goals-met',
          note: 'One session of spiritual guidance',
        })
      ).status,
    ).toBe(200);
    // Completed: nothing more is recorded under it.
    const late = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/sessions`, 'worker-a', {
      kind: 'counselling',
      heldOn: day(),
      durationMinutes: 60,
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/referral is completed/);
    expect(
      (await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/complete`, 'worker-a', { outcome: 'goals-met', note: 'Again' }))
        .status,
    ).toBe(409);

    // BP3MI: the journey from Johor Bahru, entering at Tanjungpinang, home to Lombok Timur, escorted.
    const escort = staffIds.get('reintegration/worker-b')!;
    const journey = await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-a', {
      originCountry: 'MY',
      originPlace: 'Johor Bahru',
      portOfEntry: 'Pelabuhan Sri Bintan Pura, Tanjungpinang',
      escortId: escort,
      destinationDistrict: 'Kabupaten Lombok Timur',
      legs: [
        {
          fromPlace: 'Stulang Laut, Johor Bahru',
          toPlace: 'Pelabuhan Sri Bintan Pura, Tanjungpinang',
          mode: 'sea',
          departOn: day(-3),
          arriveOn: day(-3),
        },
      ],
    });
    expect(journey.status).toBe(201);
    expect(journey.body).toMatchObject({
      state: 'planned',
      escortId: escort,
      originCountry: 'MY',
      legs: [expect.objectContaining({ seq: 1, mode: 'sea' })],
    });
    // Two legs at fault: both are named, and neither is stored.
    const twoBad = await call('reintegration', 'POST', `/journeys/${journey.body.id}/legs`, 'worker-a', {
      legs: [
        { fromPlace: 'Tanjungpinang', toPlace: 'Bandara Soekarno-Hatta', mode: 'air', departOn: day(-4) },
        { fromPlace: 'Bandara Soekarno-Hatta', toPlace: 'Lombok', mode: 'air', departOn: day(), arriveOn: day(-1) },
      ],
    });
    expect(twoBad.status).toBe(400);
    expect(twoBad.body.fields).toEqual({
      'legs.0.departOn': [`departOn is before the previous leg ended (${day(-3)})`],
      'legs.1.arriveOn': ['arriveOn is before departOn'],
    });
    expect((await call('reintegration', 'GET', `/journeys/${journey.body.id}`, 'worker-a')).body.legs).toHaveLength(1);
    const legs = await call('reintegration', 'POST', `/journeys/${journey.body.id}/legs`, 'worker-a', {
      legs: [
        {
          fromPlace: 'Bandara Raja Haji Fisabilillah, Tanjungpinang',
          toPlace: 'Bandara Soekarno-Hatta',
          mode: 'air',
          departOn: day(),
          arriveOn: day(),
        },
        {
          fromPlace: 'Bandara Soekarno-Hatta',
          toPlace: 'Bandara Zainuddin Abdul Madjid, Lombok',
          mode: 'air',
          departOn: day(),
          arriveOn: day(),
        },
        { fromPlace: 'Praya', toPlace: 'Selong, Kabupaten Lombok Timur', mode: 'land', departOn: day() },
      ],
    });
    expect(legs.status).toBe(201);
    expect(legs.body.legs.map((l: { seq: number; mode: string }) => `${l.seq}:${l.mode}`)).toEqual(['1:sea', '2:air', '3:air', '4:land']);
    const early = await call('reintegration', 'POST', `/journeys/${journey.body.id}/hand-over`, 'worker-a', {
      to: 'family',
      familyRelation: 'parent',
      note: 'Too early',
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('journey is planned; it must be travelling before it is handed-over');
    const started = await call('reintegration', 'POST', `/journeys/${journey.body.id}/start`, 'worker-a', { startedOn: day() });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ state: 'travelling', startedOn: day() });
    expect((await call('reintegration', 'POST', `/journeys/${journey.body.id}/start`, 'worker-a', {})).status).toBe(409);
    // Handed over at her origin district: an agency of Kota Tanjungpinang cannot receive her in Lombok Timur.
    const elsewhere = await call('reintegration', 'POST', `/journeys/${journey.body.id}/hand-over`, 'worker-a', {
      to: 'agency',
      agencyId: node('intake').agency,
      note: 'Handed over at the port',
    });
    expect(elsewhere.status).toBe(400);
    expect(Object.keys(elsewhere.body.fields)).toEqual(['agencyId']);
    expect(elsewhere.body.fields.agencyId[0]).toMatch(/not in the journey's destination district \(Kabupaten Lombok Timur\)/);
    const handedOver = await call('reintegration', 'POST', `/journeys/${journey.body.id}/hand-over`, 'worker-a', {
      to: 'family',
      familyRelation: 'parent',
      receivedBy: 'Her mother, with the kepala desa as witness',
      note: 'Received at home in Selong; berita acara signed',
    });
    expect(handedOver.status).toBe(200);
    expect(handedOver.body).toMatchObject({
      state: 'handed-over',
      handoverTo: 'family',
      handoverFamilyRelation: 'parent',
      handoverAgencyId: null,
    });
    expect(
      (
        await call('reintegration', 'POST', `/journeys/${journey.body.id}/legs`, 'worker-a', {
          legs: [{ fromPlace: 'Selong', toPlace: 'Mataram', mode: 'land', departOn: day() }],
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call('reintegration', 'POST', `/journeys/${journey.body.id}/hand-over`, 'worker-a', {
          to: 'family',
          familyRelation: 'parent',
          note: 'Twice',
        })
      ).status,
    ).toBe(409);
    const journeys = (await call('reintegration', 'GET', '/journeys?state=handed-over', 'worker-a')).body as Array<{
      id: string;
      referralId: string;
    }>;
    expect(journeys.map((j) => j.id)).toContain(journey.body.id);

    // Dinas Sosial in her district: a plan for family and income, a visit, completion.
    const plan = await call('reintegration', 'POST', `/referrals/${reintegration}/reintegration-plan`, 'worker-a', {
      components: [
        { area: 'family', goals: ['Lives with her parents again', 'Family understands what happened to her'] },
        { area: 'economic', goals: ['Tailoring course at the BLK', 'Joins a KUBE group with a start-up grant'] },
      ],
    });
    expect(plan.status).toBe(201);
    expect(
      (
        await call('reintegration', 'POST', `/reintegration-plans/${plan.body.id}/complete`, 'worker-a', {
          result: 'goals-met',
          note: 'Too early',
        })
      ).status,
    ).toBe(409);
    const visit = await call('reintegration', 'POST', `/reintegration-plans/${plan.body.id}/visits`, 'worker-a', {
      visitedOn: day(),
      outcome: note('Helping in the family warung; sleeps badly'),
    });
    expect(visit.status).toBe(201);
    const done = await call('reintegration', 'POST', `/reintegration-plans/${plan.body.id}/complete`, 'worker-a', {
      result: 'partly-met',
      note: 'Living with her parents; course starts next month',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ result: 'partly-met', completedOn: day(), visits: [expect.objectContaining({ visitedOn: day() })] });
    expect(
      (
        await call('reintegration', 'POST', `/reintegration-plans/${plan.body.id}/visits`, 'worker-a', {
          visitedOn: day(),
          outcome: 'After completion',
        })
      ).status,
    ).toBe(409);

    // At intake every referral is completed, with the agencies' notes.
    const view = await waitFor('all four referrals completed at intake', async () => {
      const v = (await call('intake', 'GET', `/cases/${her.caseId}`, 'worker-a')).body;
      return v.referrals.length === 4 && v.referrals.every((r: { state: string }) => r.state === 'completed') ? v : undefined;
    });
    const byService = Object.fromEntries(view.referrals.map((r: { service: string; outcomeNote: string }) => [r.service, r.outcomeNote]));
    expect(byService.repatriation).toMatch(
      new RegExp(`^Handed over to her family \\(parent\\) in Kabupaten Lombok Timur on ${day()}\\. Received at home in Selong`),
    );
    expect(byService['social-reintegration']).toBe('Living with her parents; course starts next month');

    // Reporting: each service once, under her pseudonym, for the indicator contracts assign.
    const pseudonym = statisticsId(STATISTICS_KEY, 'victim', her.victimId);
    const facts = await waitFor('ten service records in reporting', async () => {
      const rows = await query<{
        service: string;
        activity: string;
        indicator: string | null;
        month: string;
        agency_id: string;
        case_id: string;
      }>(db('reporting'), 'SELECT service, activity, indicator, month, agency_id, case_id FROM service_fact WHERE victim_id = $1', [
        pseudonym,
      ]);
      return rows.length >= 10 ? rows : undefined;
    });
    expect(facts.map((f) => `${f.service} ${f.activity} ${f.indicator ?? '-'}`).sort()).toEqual([
      'repatriation repatriation-handed-over repatriation',
      'repatriation repatriation-started -',
      'social-rehabilitation counselling-session social-rehabilitation',
      'social-rehabilitation counselling-session social-rehabilitation',
      'social-rehabilitation psychosocial-assessment social-rehabilitation',
      'social-rehabilitation rehabilitation-completed social-rehabilitation',
      'social-reintegration follow-up-visit social-reintegration',
      'social-reintegration reintegration-completed social-reintegration',
      'social-reintegration reintegration-plan social-reintegration',
      'spiritual-guidance spiritual-guidance-session spiritual-guidance',
    ]);
    expect(new Set(facts.map((f) => f.month))).toEqual(new Set([day().slice(0, 7)]));
    expect(new Set(facts.map((f) => f.case_id))).toEqual(new Set([statisticsId(STATISTICS_KEY, 'case', her.caseId)]));
    expect(
      facts
        .filter((f) => f.service.endsWith('rehabilitation') || f.service === 'spiritual-guidance')
        .every((f) => f.agency_id === node('rehabilitation').agency),
    ).toBe(true);
    expect(
      facts
        .filter((f) => f.service.endsWith('reintegration') || f.service === 'repatriation')
        .every((f) => f.agency_id === node('reintegration').agency),
    ).toBe(true);
  });

  it('refuses bad input with 400 naming the fields, and stores nothing', async () => {
    const her = await registerDeportee();
    const rehabilitation = await refer(her, 'social-rehabilitation');
    const repatriation = await refer(her, 'repatriation');
    const reintegration = await refer(her, 'social-reintegration');
    await accept('rehabilitation', rehabilitation);
    for (const id of [repatriation, reintegration]) await accept('reintegration', id);
    const sessions = () =>
      count('rehabilitation', 'SELECT count(*) n FROM rehabilitation_session WHERE referral_id = $1', [rehabilitation]);

    const malformed = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/sessions`, 'worker-a', {
      kind: 'yoga',
      heldOn: '2026-02-30',
      durationMinutes: 5,
      diagnosis: 'x',
    });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.fields).sort()).toEqual(['diagnosis', 'durationMinutes', 'heldOn', 'kind']);
    const wrongKind = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/sessions`, 'worker-a', {
      kind: 'spiritual-guidance',
      heldOn: day(),
      durationMinutes: 45,
    });
    // The wrong kind of referral is a conflict (409), as an assessment under a spiritual-guidance referral is.
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.message).toMatch(/belongs to a spiritual-guidance referral; this referral is for social-rehabilitation/);
    const tomorrow = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/sessions`, 'worker-a', {
      kind: 'counselling',
      heldOn: day(1),
      durationMinutes: 45,
    });
    expect(tomorrow.status).toBe(400);
    expect(tomorrow.body.fields).toEqual({ heldOn: ['heldOn is in the future'] });
    const beforeReferral = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/assessment`, 'worker-a', {
      assessedOn: day(-10),
      riskLevel: 'low',
      findings: 'Too early',
    });
    expect(beforeReferral.status).toBe(400);
    expect(beforeReferral.body.fields).toEqual({ assessedOn: ['assessedOn is before the referral was made'] });
    const badPlan = await call('rehabilitation', 'PUT', `/referrals/${rehabilitation}/rehabilitation-plan`, 'worker-a', {
      goals: [],
      plannedSessions: 0,
    });
    expect(badPlan.status).toBe(400);
    expect(Object.keys(badPlan.body.fields).sort()).toEqual(['goals', 'plannedSessions']);
    expect(await sessions()).toBe(0);
    expect(await count('rehabilitation', 'SELECT count(*) n FROM psychosocial_assessment WHERE referral_id = $1', [rehabilitation])).toBe(
      0,
    );
    expect(await count('rehabilitation', 'SELECT count(*) n FROM rehabilitation_plan WHERE referral_id = $1', [rehabilitation])).toBe(0);

    // A journey from abroad names its port of entry; legs go in travel order.
    const journeys = () => count('reintegration', 'SELECT count(*) n FROM repatriation_journey WHERE referral_id = $1', [repatriation]);
    const noPort = await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-a', {
      originCountry: 'MY',
      originPlace: 'Johor Bahru',
      destinationDistrict: 'Kabupaten Lombok Timur',
      legs: [
        { fromPlace: 'Tanjungpinang', toPlace: 'Lombok', mode: 'air', departOn: day(), arriveOn: day() },
        { fromPlace: 'Johor Bahru', toPlace: 'Tanjungpinang', mode: 'sea', departOn: day(-2) },
      ],
    });
    expect(noPort.status).toBe(400);
    expect(Object.keys(noPort.body.fields).sort()).toEqual(['legs.1.departOn', 'portOfEntry']);
    const malformedJourney = await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-a', {
      originCountry: 'Malaysia',
      originPlace: 'Johor Bahru',
      destinationDistrict: 'Kabupaten Lombok Timur',
      legs: [{ fromPlace: 'Johor Bahru', mode: 'boat', departOn: 'yesterday' }],
    });
    expect(malformedJourney.status).toBe(400);
    expect(Object.keys(malformedJourney.body.fields).sort()).toEqual(['legs.0.departOn', 'legs.0.mode', 'legs.0.toPlace', 'originCountry']);
    expect(await journeys()).toBe(0);

    // A domestic journey needs no port; a hand-over names an agency of the directory, or the family's relation.
    // Home to Kota Tanjungpinang, where the trial network's UPTD PPA can receive her.
    const domestic = await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-a', {
      originCountry: 'ID',
      originPlace: 'Kota Batam',
      destinationDistrict: 'Kota Tanjungpinang',
      legs: [
        { fromPlace: 'Pelabuhan Punggur, Kota Batam', toPlace: 'Pelabuhan Sri Bintan Pura, Tanjungpinang', mode: 'sea', departOn: day() },
      ],
    });
    expect(domestic.status).toBe(201);
    expect((await call('reintegration', 'POST', `/journeys/${domestic.body.id}/start`, 'worker-a', {})).status).toBe(200);
    const unknownAgency = await call('reintegration', 'POST', `/journeys/${domestic.body.id}/hand-over`, 'worker-a', {
      to: 'agency',
      agencyId: 'uptd-ppa-nowhere',
      note: 'Handed over',
    });
    expect(unknownAgency.status).toBe(400);
    expect(unknownAgency.body.fields).toEqual({ agencyId: ['agencyId uptd-ppa-nowhere is not in the agency directory'] });
    const toReporting = await call('reintegration', 'POST', `/journeys/${domestic.body.id}/hand-over`, 'worker-a', {
      to: 'agency',
      agencyId: node('reporting').agency,
      note: 'Handed over',
    });
    expect(Object.keys(toReporting.body.fields)).toEqual(['agencyId']);
    // A hospital of her district is no UPTD PPA or Dinas Sosial.
    const toHospital = await call('reintegration', 'POST', `/journeys/${domestic.body.id}/hand-over`, 'worker-a', {
      to: 'agency',
      agencyId: 'rsud-tanjungpinang',
      note: 'Handed over',
    });
    expect(toHospital.status).toBe(400);
    expect(toHospital.body.fields).toEqual({
      agencyId: ["agency rsud-tanjungpinang cannot receive a victim: a hand-over goes to the district's UPTD PPA or Dinas Sosial"],
    });
    const noRelation = await call('reintegration', 'POST', `/journeys/${domestic.body.id}/hand-over`, 'worker-a', {
      to: 'family',
      note: 'Handed over',
      handedOverAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(Object.keys(noRelation.body.fields).sort()).toEqual(['familyRelation', 'handedOverAt']);
    expect((await call('reintegration', 'GET', `/journeys/${domestic.body.id}`, 'worker-a')).body.state).toBe('travelling');
    expect(
      await count('reintegration', `SELECT count(*) n FROM incoming_referral WHERE referral_id = $1 AND state = 'accepted'`, [
        repatriation,
      ]),
    ).toBe(1);
    // To an agency of the directory (here the UPTD PPA that referred her).
    const toAgency = await call('reintegration', 'POST', `/journeys/${domestic.body.id}/hand-over`, 'worker-a', {
      to: 'agency',
      agencyId: node('intake').agency,
      note: 'Handed over at the UPTD PPA office',
    });
    expect(toAgency.status).toBe(200);
    expect(toAgency.body).toMatchObject({ state: 'handed-over', handoverTo: 'agency', handoverAgencyId: node('intake').agency });
    // Intake's note names the agency by its name, not its directory id.
    const note = await waitFor('the hand-over completed at intake', async () => {
      const v = (await call('intake', 'GET', `/cases/${her.caseId}`, 'worker-a')).body;
      const r = v.referrals.find((x: { id: string; state: string }) => x.id === repatriation && x.state === 'completed');
      return r ? (r.outcomeNote as string) : undefined;
    });
    expect(note).toMatch(new RegExp(`^Handed over to UPTD PPA Kota Tanjungpinang in Kota Tanjungpinang on ${day()}\\. `));

    // A plan takes each area once, with goals.
    const twice = await call('reintegration', 'POST', `/referrals/${reintegration}/reintegration-plan`, 'worker-a', {
      components: [
        { area: 'family', goals: ['Back home'] },
        { area: 'family', goals: ['Reconciled'] },
      ],
    });
    expect(twice.status).toBe(400);
    expect(Object.keys(twice.body.fields)).toEqual(['components.1.area']);
    const malformedPlan = await call('reintegration', 'POST', `/referrals/${reintegration}/reintegration-plan`, 'worker-a', {
      components: [{ area: 'religion', goals: [] }],
    });
    expect(Object.keys(malformedPlan.body.fields).sort()).toEqual(['components.0.area', 'components.0.goals']);
    expect(await count('reintegration', 'SELECT count(*) n FROM reintegration_plan WHERE referral_id = $1', [reintegration])).toBe(0);
  });

  it('refuses records in the wrong state or under the wrong kind of referral (409)', async () => {
    const her = await registerDeportee();
    const rehabilitation = await refer(her, 'social-rehabilitation');
    const guidance = await refer(her, 'spiritual-guidance');
    const repatriation = await refer(her, 'repatriation');
    const reintegration = await refer(her, 'social-reintegration');

    // Not accepted yet.
    const unaccepted = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/sessions`, 'worker-a', {
      kind: 'counselling',
      heldOn: day(),
      durationMinutes: 60,
    });
    expect(unaccepted.status).toBe(409);
    expect(unaccepted.body.message).toBe('referral is requested; accept it before recording a session');
    expect(
      (
        await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-a', {
          originCountry: 'ID',
          originPlace: 'Batam',
          destinationDistrict: 'Lombok Timur',
        })
      ).status,
    ).toBe(409);
    await accept('rehabilitation', rehabilitation);
    await accept('rehabilitation', guidance);
    await accept('reintegration', repatriation);
    await accept('reintegration', reintegration);

    // The wrong kind of referral for the record.
    expect(
      (
        await call('rehabilitation', 'POST', `/referrals/${guidance}/assessment`, 'worker-a', {
          assessedOn: day(),
          riskLevel: 'low',
          findings: 'Calm',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call('reintegration', 'POST', `/referrals/${reintegration}/journey`, 'worker-a', {
          originCountry: 'ID',
          originPlace: 'Batam',
          destinationDistrict: 'Lombok Timur',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call('reintegration', 'POST', `/referrals/${repatriation}/reintegration-plan`, 'worker-a', {
          components: [{ area: 'school', goals: ['Back in class'] }],
        })
      ).status,
    ).toBe(409);

    // Completion needs the service given; a journey needs legs to start.
    const unassessed = await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/complete`, 'worker-a', {
      outcome: 'goals-met',
      note: 'Nothing done',
    });
    expect(unassessed.status).toBe(409);
    expect(unassessed.body.message).toBe('record the psychosocial assessment before completing');
    expect(
      (await call('rehabilitation', 'POST', `/referrals/${guidance}/complete`, 'worker-a', { outcome: 'goals-met', note: 'Nothing done' }))
        .status,
    ).toBe(409);
    const legless = await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-a', {
      originCountry: 'ID',
      originPlace: 'Kota Batam',
      destinationDistrict: 'Kabupaten Lombok Timur',
    });
    expect(legless.status).toBe(201);
    const noLegs = await call('reintegration', 'POST', `/journeys/${legless.body.id}/start`, 'worker-a', {});
    expect(noLegs.status).toBe(409);
    // Handed over only once the last leg has departed (400 on handedOverAt).
    expect(
      (
        await call('reintegration', 'POST', `/journeys/${legless.body.id}/legs`, 'worker-a', {
          legs: [
            { fromPlace: 'Kota Batam', toPlace: 'Jakarta', mode: 'air', departOn: day(), arriveOn: day() },
            { fromPlace: 'Jakarta', toPlace: 'Lombok', mode: 'air', departOn: day(3) },
          ],
        })
      ).status,
    ).toBe(201);
    expect((await call('reintegration', 'POST', `/journeys/${legless.body.id}/start`, 'worker-a', {})).status).toBe(200);
    const beforeLastLeg = await call('reintegration', 'POST', `/journeys/${legless.body.id}/hand-over`, 'worker-a', {
      to: 'family',
      familyRelation: 'parent',
      note: 'Too early',
    });
    expect(beforeLastLeg.status).toBe(400);
    expect(beforeLastLeg.body.fields).toEqual({ handedOverAt: [`handedOverAt is before the journey's last leg departs (${day(3)})`] });
    expect(
      (
        await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-a', {
          originCountry: 'ID',
          originPlace: 'Kota Batam',
          destinationDistrict: 'Kabupaten Lombok Timur',
        })
      ).status,
    ).toBe(409);

    // Revoked by intake: nothing new starts.
    expect((await call('intake', 'POST', `/referrals/${guidance}/revoke`, 'worker-a', { reason: 'She asked to stop' })).status).toBe(200);
    await waitFor(
      'revoked at rehabilitation',
      async () => (await call('rehabilitation', 'GET', `/referrals/${guidance}`, 'worker-a')).body.state === 'revoked',
    );
    const revoked = await call('rehabilitation', 'POST', `/referrals/${guidance}/sessions`, 'worker-a', {
      kind: 'spiritual-guidance',
      heldOn: day(),
      durationMinutes: 30,
    });
    expect(revoked.status).toBe(409);
    expect(revoked.body.message).toMatch(/referral is revoked/);
    expect(await count('rehabilitation', 'SELECT count(*) n FROM rehabilitation_session WHERE referral_id = $1', [guidance])).toBe(0);
  });

  it('keeps a case worker to the referrals she holds (403); her supervisor may act', async () => {
    const her = await registerDeportee('worker-b');
    const rehabilitation = await refer(her, 'social-rehabilitation', 'worker-b');
    const repatriation = await refer(her, 'repatriation', 'worker-b');
    const reintegration = await refer(her, 'social-reintegration', 'worker-b');
    await accept('rehabilitation', rehabilitation, 'worker-b');
    await accept('reintegration', repatriation, 'worker-b');
    await accept('reintegration', reintegration, 'worker-b');
    const journey = await call('reintegration', 'POST', `/referrals/${repatriation}/journey`, 'worker-b', {
      originCountry: 'MY',
      originPlace: 'Johor Bahru',
      portOfEntry: 'Pelabuhan Sri Bintan Pura, Tanjungpinang',
      destinationDistrict: 'Kabupaten Lombok Timur',
      legs: [{ fromPlace: 'Johor Bahru', toPlace: 'Tanjungpinang', mode: 'sea', departOn: day() }],
    });
    expect(journey.status).toBe(201);
    const plan = await call('reintegration', 'POST', `/referrals/${reintegration}/reintegration-plan`, 'worker-b', {
      components: [{ area: 'school', goals: ['Finishes SMA through Paket C'] }],
    });
    expect(plan.status).toBe(201);

    const refused = [
      await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/sessions`, 'worker-a', {
        kind: 'counselling',
        heldOn: day(),
        durationMinutes: 60,
      }),
      await call('rehabilitation', 'POST', `/referrals/${rehabilitation}/assessment`, 'worker-a', {
        assessedOn: day(),
        riskLevel: 'low',
        findings: 'Not mine',
      }),
      await call('rehabilitation', 'GET', `/referrals/${rehabilitation}/rehabilitation`, 'worker-a'),
      await call('reintegration', 'POST', `/journeys/${journey.body.id}/start`, 'worker-a', {}),
      await call('reintegration', 'GET', `/journeys/${journey.body.id}`, 'worker-a'),
      await call('reintegration', 'POST', `/reintegration-plans/${plan.body.id}/visits`, 'worker-a', {
        visitedOn: day(),
        outcome: 'Not mine',
      }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await count('rehabilitation', 'SELECT count(*) n FROM rehabilitation_session WHERE referral_id = $1', [rehabilitation])).toBe(0);
    expect((await call('reintegration', 'GET', `/journeys/${journey.body.id}`, 'worker-b')).body.state).toBe('planned');
    // Her lists leave out what another case worker holds.
    expect(((await call('reintegration', 'GET', '/journeys', 'worker-a')).body as Array<{ id: string }>).map((j) => j.id)).not.toContain(
      journey.body.id,
    );
    expect(
      ((await call('reintegration', 'GET', '/reintegration-plans', 'worker-a')).body as Array<{ id: string }>).map((p) => p.id),
    ).not.toContain(plan.body.id);
    expect(
      ((await call('rehabilitation', 'GET', '/rehabilitation', 'worker-a')).body as Array<{ referralId: string }>).map((c) => c.referralId),
    ).not.toContain(rehabilitation);
    expect(((await call('reintegration', 'GET', '/journeys', 'worker-b')).body as Array<{ id: string }>).map((j) => j.id)).toContain(
      journey.body.id,
    );
    // The supervisor covers for her colleague.
    expect(
      (
        await call('reintegration', 'POST', `/reintegration-plans/${plan.body.id}/visits`, 'supervisor', {
          visitedOn: day(),
          outcome: 'Covered for worker-b',
        })
      ).status,
    ).toBe(201);
  });

  it('leaks no name, NIK, real id or note into reporting or the broadcasts, and no note into any event', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    expect(localNotes.length).toBeGreaterThanOrEqual(5);
    const found = (text: string, among: string[]) => among.filter((s) => text.includes(s));

    const tables = await query<{ table_name: string }>(
      db('reporting'),
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toContain('service_fact');
    for (const { table_name } of tables) {
      const text = (await query<{ row: string }>(db('reporting'), `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`))
        .map((r) => r.row)
        .join('\n');
      expect({ table: table_name, leaked: found(text, [...secrets, ...localNotes, ...realIds]) }).toEqual({
        table: table_name,
        leaked: [],
      });
    }

    const nc = await connect({ servers: SHARED_NATS });
    const jsm = await jetstreamManager(nc);
    let broadcasts = 0;
    let services = 0;
    for (const m of await storedOnBus(jsm, network.registry)) {
      const text = new TextDecoder().decode(m.data);
      // Session notes, findings and visit outcomes stay at the agency: in no event at all.
      expect({ subject: m.subject, notes: found(text, localNotes) }).toEqual({ subject: m.subject, notes: [] });
      // Service facts go to intake, addressed; intake broadcasts them in its sealed batches.
      if (m.subject.includes('.service.provided.')) services++;
      if (!m.subject.endsWith('.all')) continue;
      broadcasts++;
      expect({ subject: m.subject, leaked: found(text, [...secrets, ...realIds]) }).toEqual({ subject: m.subject, leaked: [] });
    }
    await nc.close();
    expect(broadcasts).toBeGreaterThan(0); // sealed batches, however many intervals the test took
    expect(services).toBeGreaterThanOrEqual(10);
  });
});
