import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { statisticsId } from '../../apps/intake/src/cases/statistics-pseudonym.js';
import { databaseUrl, query } from '../support/database.js';
import { encodings } from '../support/encodings.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

const STATISTICS_KEY = randomBytes(32).toString('hex');
/** A second UPTD PPA, in the victims' home region, to hand cases over to. */
const LOMBOK = { id: 'uptd-ppa-lombok-timur', node: 'intake', name: 'UPTD PPA Kabupaten Lombok Timur' };

/**
 * A case worker's day at a UPTD PPA beyond the first referral: hand-over to
 * another region's unit (accepted, and declined), disclosure consent, the
 * same victim reported twice, the work lists, search and the timeline.
 * Two intake nodes, a shelter and reporting, each its own process.
 */
describe('case management at intake', () => {
  let network: Network;
  let registryDir: string;
  const tokens = new Map<string, string>();
  const staffIds = new Map<string, string>();
  /** The first test's hand-over: the sender's case and the receiver's. */
  let handedOver: { senderCase: { id: string; victims: Array<{ id: string; name: string }> }; receiverCaseId: string } | undefined;

  async function call(node: string, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${node}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  function victim(overrides: Record<string, unknown> = {}) {
    return {
      name: `Korban ${randomBytes(4).toString('hex')}`,
      sex: 'female',
      birthDate: '1999-04-17',
      district: 'Kabupaten Lombok Timur',
      idNumber: testNik('female', '1999-04-17'),
      consent: { services: true, statistics: true },
      ...overrides,
    };
  }

  async function register(victims: unknown[], as = 'worker-a') {
    const res = await call('intake', 'POST', '/cases', as, {
      channel: 'bp3mi-arrival',
      kind: 'trafficking',
      riskLevel: 'medium',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['trafficking'], place: 'workplace', narrative: 'Deported from Johor through Tanjungpinang' },
      perpetrators: [{ sex: 'male', ageYears: 40, relation: 'employer' }],
      victims,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  const victimFacts = async () =>
    Number((await query<{ n: string }>(network.nodes.get('reporting')!.database, 'SELECT count(*) n FROM victim_fact'))[0].n);

  beforeAll(async () => {
    registryDir = mkdtempSync(join(tmpdir(), 'rujukan-registry-'));
    const registry = JSON.parse(readFileSync('bus/agencies.json', 'utf8'));
    registry.agencies.push(LOMBOK);
    const registryPath = join(registryDir, 'agencies.json');
    writeFileSync(registryPath, JSON.stringify(registry));
    network = await startSevenNodes({
      label: 'cases',
      statisticsKey: STATISTICS_KEY,
      registryPath,
      roles: ['intake', 'shelter', 'reporting'],
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
    if (registryDir) rmSync(registryDir, { recursive: true, force: true });
  });

  it('hands a case over to another region’s unit: disclosure consent first, ownership moves only on acceptance', async () => {
    const reported = await register([victim({ education: 'senior-secondary' }), victim()]);
    const request = { toAgencyId: LOMBOK.id, reason: 'The survivors live in Lombok Timur and go home next week' };

    // Without consent to disclosure a case worker cannot; a supervisor can only with a reason.
    const refused = await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'worker-a', request);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/consent to disclosure/);
    const notSupervisor = await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'worker-a', {
      ...request,
      disclosureOverrideReason: 'She asked us to by phone',
    });
    expect(notSupervisor.status).toBe(403);
    const toShelter = await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'worker-a', {
      ...request,
      toAgencyId: network.nodes.get('shelter')!.agency,
    });
    expect(toShelter.status).toBe(400);
    expect(Object.keys(toShelter.body.fields)).toEqual(['toAgencyId']);
    for (const v of reported.victims) {
      expect(
        (await call('intake', 'POST', `/victims/${v.id}/consents`, 'worker-a', { purpose: 'disclosure', givenAs: 'signed' })).status,
      ).toBe(201);
    }
    const sent = await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'worker-a', request);
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ state: 'requested', toAgency: LOMBOK.id, disclosureOverrideReason: null });
    const again = await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'worker-a', request);
    expect(again.status).toBe(409);
    // Her statistics sequence went with the request: a change to statistics consent waits for the answer.
    const meanwhile = await call('intake', 'POST', `/victims/${reported.victims[0].id}/consents/withdraw`, 'worker-a', {
      purpose: 'statistics',
    });
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body.message).toMatch(/hand-over of this case waits for an answer/);

    // At the receiving unit a supervisor sees it; case workers do not.
    const incoming = await waitFor('the hand-over at Lombok Timur', async () => {
      const list = (await call(LOMBOK.id, 'GET', '/handovers/incoming?state=requested', 'supervisor')).body as Array<{
        id: string;
        victims: number;
      }>;
      return list.find((h) => h.id === sent.body.id);
    });
    expect(incoming.victims).toBe(2);
    expect((await call(LOMBOK.id, 'GET', '/handovers/incoming', 'worker-a')).status).toBe(403);

    // Until it accepts, the sender keeps the case: still open, still its owner's.
    const before = (await call('intake', 'GET', `/cases/${reported.id}`, 'worker-a')).body;
    expect(before.status).toBe('open');
    expect(before.handOvers).toEqual([expect.objectContaining({ state: 'requested', toAgency: LOMBOK.id })]);
    const factsBefore = await victimFacts();

    const accepted = await call(LOMBOK.id, 'POST', `/handovers/incoming/${incoming.id}/accept`, 'supervisor', {
      ownerId: staffIds.get(`${LOMBOK.id}/worker-b`),
    });
    expect(accepted.status).toBe(200);
    const twice = await call(LOMBOK.id, 'POST', `/handovers/incoming/${incoming.id}/accept`, 'supervisor', {});
    expect(twice.status).toBe(409);

    // The receiver's case: the victims with their consents, owned by the assigned case worker.
    const theirs = (await call(LOMBOK.id, 'GET', `/cases/${accepted.body.caseId}`, 'worker-b')).body;
    expect(theirs).toMatchObject({ handedOverFrom: network.nodes.get('intake')!.agency, status: 'open', kind: 'trafficking' });
    expect(theirs.victims.map((v: { name: string }) => v.name).sort()).toEqual(
      reported.victims.map((v: { name: string }) => v.name).sort(),
    );
    expect(theirs.victims[0].consent).toEqual({ services: true, statistics: true });
    expect(theirs.victims.map((v: { education: string | null }) => v.education).sort()).toEqual(['senior-secondary', null].sort());
    expect(theirs.perpetrators).toEqual([expect.objectContaining({ relation: 'employer', sex: 'male' })]);
    expect((await call(LOMBOK.id, 'GET', `/cases/${accepted.body.caseId}`, 'worker-a')).status).toBe(403);

    // The sender's case is closed-referred once the answer arrives, and says to whom.
    const closed = await waitFor('the sender’s case closed-referred', async () => {
      const view = (await call('intake', 'GET', `/cases/${reported.id}`, 'worker-a')).body;
      return view.status === 'closed-referred' ? view : undefined;
    });
    expect(closed.handOvers[0]).toMatchObject({ state: 'accepted' });
    expect(closed.closure.note).toContain(LOMBOK.id);
    expect((await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'worker-a', request)).status).toBe(409);

    // Reporting still counts the two victims once: the hand-over carried their pseudonyms.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await victimFacts()).toBe(factsBefore);
    const caseRows = await query<{ n: string }>(
      network.nodes.get('reporting')!.database,
      'SELECT count(*) n FROM case_fact WHERE case_id = $1',
      [statisticsId(STATISTICS_KEY, 'case', reported.id)],
    );
    expect(caseRows[0].n).toBe('1');

    // Both timelines tell the story.
    const timeline = (await call('intake', 'GET', `/cases/${reported.id}/timeline`, 'worker-a')).body as Array<{
      what: string;
      direction: string;
      agency?: string;
    }>;
    expect(timeline.map((e) => `${e.direction} ${e.what}`)).toEqual(
      expect.arrayContaining([
        'recorded case.registered',
        'recorded consent.given',
        'sent case.handover-requested',
        'received case.handover-accepted',
        'recorded case.closed-referred',
      ]),
    );
    expect(timeline.find((e) => e.what === 'case.handover-accepted')!.agency).toBe(LOMBOK.id);
    expect(JSON.stringify(timeline)).not.toContain(reported.victims[0].name);
    handedOver = { senderCase: reported, receiverCaseId: accepted.body.caseId };
  });

  it('erases a victim at the unit her case was handed over to when the sender’s supervisor asks', async () => {
    const { senderCase, receiverCaseId } = handedOver!;
    const [her, other] = senderCase.victims;
    const asked = await call('intake', 'POST', `/victims/${her.id}/erasure`, 'supervisor');
    expect(asked.status).toBe(202);
    const status = await waitFor('Lombok Timur’s answer', async () => {
      const res = await call('intake', 'GET', `/victims/${her.id}/erasure`, 'supervisor');
      const there = res.body.agencies.find((a: { agencyId: string }) => a.agencyId === LOMBOK.id);
      return there?.state === 'erased' ? res.body : undefined;
    });
    expect(status.agencies.find((a: { agencyId: string }) => a.agencyId === LOMBOK.id)).toMatchObject({ forwardedBy: null });
    // At the receiving unit: she is erased, the other victim of the case is not.
    const theirs = (await call(LOMBOK.id, 'GET', `/cases/${receiverCaseId}`, 'worker-b')).body;
    const names = theirs.victims.map((v: { name: string }) => v.name);
    expect(names).toContain(other.name);
    expect(names).not.toContain(her.name);
    expect(theirs.victims.find((v: { name: string }) => v.name === '')).toMatchObject({ idNumber: null, birthDate: null });
    const lombokDb = network.nodes.get(LOMBOK.id)!.database;
    const keys = await query<{ n: string }>(
      lombokDb,
      `SELECT count(*) n FROM key_store.data_key k JOIN victim v ON v.id = k.subject_id WHERE v.case_id = $1`,
      [receiverCaseId],
    );
    expect(keys[0].n).toBe('1');
    // Nothing of her is left there in any form: not the case, not the hand-over request that brought it.
    const dumped = execFileSync('pg_dump', ['--no-owner', '--no-privileges', databaseUrl(lombokDb)], { maxBuffer: 256 << 20 }).toString();
    expect(encodings(her.name).filter((form) => dumped.includes(form))).toEqual([]);
    expect(encodings(other.name).some((form) => dumped.includes(form))).toBe(false); // sealed, though kept
  });

  it('a declined hand-over leaves the case with the sender, who may hand it over again', async () => {
    const reported = await register([victim({ consent: { services: true, statistics: true } })]);
    const override = {
      toAgencyId: LOMBOK.id,
      reason: 'Family lives there',
      disclosureOverrideReason: 'Child at risk; guardian unreachable for two days',
    };
    const sent = await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'supervisor', override);
    expect(sent.status).toBe(202);
    expect(sent.body.disclosureOverrideReason).toBe(override.disclosureOverrideReason);
    await waitFor(
      'the hand-over at Lombok Timur',
      async () => (await call(LOMBOK.id, 'GET', `/handovers/incoming/${sent.body.id}`, 'supervisor')).status === 200,
    );
    const incoming = (await call(LOMBOK.id, 'GET', `/handovers/incoming/${sent.body.id}`, 'supervisor')).body;
    expect(incoming.case.disclosureOverrideReason).toBe(override.disclosureOverrideReason);
    expect((await call(LOMBOK.id, 'POST', `/handovers/incoming/${sent.body.id}/decline`, 'supervisor', {})).status).toBe(400);
    const declined = await call(LOMBOK.id, 'POST', `/handovers/incoming/${sent.body.id}/decline`, 'supervisor', {
      reason: 'She lives in Lombok Tengah: send it there',
    });
    expect(declined.status).toBe(200);

    const view = await waitFor('the decline at the sender', async () => {
      const v = (await call('intake', 'GET', `/cases/${reported.id}`, 'supervisor')).body;
      return v.handOvers[0]?.state === 'declined' ? v : undefined;
    });
    expect(view.status).toBe('open');
    expect(view.handOvers[0].declineReason).toBe('She lives in Lombok Tengah: send it there');
    expect((await call('intake', 'POST', `/cases/${reported.id}/handovers`, 'supervisor', override)).status).toBe(202);
  });

  it('flags the same victim reported twice, links the cases, and counts her once', async () => {
    const first = await register([
      victim({ name: 'Siti Aminah', birthDate: '2001-02-03', idNumber: undefined, district: 'Kabupaten Lombok Timur' }),
    ]);
    await waitFor(
      'reporting counts the first report',
      async () =>
        Number(
          (
            await query<{ n: string }>(network.nodes.get('reporting')!.database, 'SELECT count(*) n FROM case_fact WHERE case_id = $1', [
              statisticsId(STATISTICS_KEY, 'case', first.id),
            ])
          )[0].n,
        ) === 1,
    );
    const facts = await victimFacts();
    // Victims registered before the match keys existed get theirs at the node's next start: drop every key, restart.
    const intakeDb = network.nodes.get('intake')!.database;
    expect(Number((await query<{ n: string }>(intakeDb, 'SELECT count(*) n FROM victim_match_key'))[0].n)).toBeGreaterThan(0);
    await query(intakeDb, 'DELETE FROM victim_match_key');
    await query(intakeDb, 'DELETE FROM victim_match_keying');
    await network.stopNode('intake');
    await network.startNode('intake');
    const [keyed] = await query<{ n: string }>(
      intakeDb,
      // An erased victim (the hand-over test's) has nothing left to key: no later report may find her.
      `SELECT count(*) n FROM victim v WHERE NOT EXISTS (SELECT 1 FROM victim_match_key k WHERE k.victim_id = v.id)
          AND NOT EXISTS (SELECT 1 FROM victim_erasure e WHERE e.victim_id = v.id)`,
    );
    expect(Number(keyed.n)).toBe(0);
    // Reported again with the old spelling, and a case registered later by the hotline.
    const second = await register([
      victim({ name: 'Sitti Aminah', birthDate: '2001-02-03', idNumber: undefined, district: 'Lombok Timur' }),
    ]);
    expect(second.victims[0].sameAs).toEqual([
      expect.objectContaining({ caseId: first.id, caseNumber: first.caseNumber, basis: 'name-birth-date-district', weaker: false }),
    ]);
    const firstView = (await call('intake', 'GET', `/cases/${first.id}`, 'worker-a')).body;
    expect(firstView.victims[0].sameAs).toEqual([expect.objectContaining({ caseId: second.id })]);
    await waitFor(
      'reporting counts the second case',
      async () =>
        Number(
          (
            await query<{ n: string }>(network.nodes.get('reporting')!.database, 'SELECT count(*) n FROM case_fact WHERE case_id = $1', [
              statisticsId(STATISTICS_KEY, 'case', second.id),
            ])
          )[0].n,
        ) === 1,
    );
    expect(await victimFacts()).toBe(facts);

    // The same NIK is the same person whatever the name; a different name and NIK is someone else.
    const nik = testNik('female', '1995-08-09');
    const byNik = await register([victim({ name: 'Rina', birthDate: '1995-08-09', idNumber: nik })]);
    const again = await register([victim({ name: 'Rina Wati', birthDate: '1995-08-09', idNumber: nik })]);
    expect(again.victims[0].sameAs).toEqual([expect.objectContaining({ caseId: byNik.id, basis: 'nik' })]);
    const other = await register([victim({ name: 'Dewi Lestari', birthDate: '1995-08-09', idNumber: testNik('female', '1995-08-09') })]);
    expect(other.victims[0].sameAs).toEqual([]);

    // A NIK that disagrees with her sex or birth date is refused with the field named.
    const wrong = await call('intake', 'POST', '/cases', 'worker-a', {
      channel: 'walk-in',
      kind: 'violence-against-women',
      riskLevel: 'low',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['physical'], place: 'household' },
      victims: [victim({ sex: 'male', idNumber: testNik('female', '1999-04-17') })],
    });
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body.fields)).toEqual(['victims.0.idNumber']);
  });

  it('attaches a second report of the same incident to the open case: cases and victims move by 0, the timeline shows both reports', async () => {
    const nik = testNik('female', '1993-03-21');
    const reported = await register([victim({ name: 'Nur Halimah', birthDate: '1993-03-21', idNumber: nik })]);
    const intakeDb = network.nodes.get('intake')!.database;
    const counts = async () => {
      const [row] = await query<{ cases: string; victims: string; outbox: string }>(
        intakeDb,
        `SELECT (SELECT count(*) FROM case_file) cases, (SELECT count(*) FROM victim) victims,
                (SELECT coalesce(max(seq), 0) FROM messaging_outbox) outbox`,
      );
      return row;
    };
    await waitFor('the case at reporting', async () => (await victimFacts()) > 0);
    const before = await counts();
    // Her brother rings the hotline about the same incident: kept with the case, not a second case.
    const attached = await call('intake', 'POST', `/cases/${reported.id}/reports`, 'worker-a', {
      channel: 'hotline',
      reporter: { relation: 'family', anonymous: false, name: 'Abang korban', phone: '+62 812 0000 0000' },
      victim: { name: 'Nur Halimah', sex: 'female', birthDate: '1993-03-21', district: 'Kabupaten Lombok Timur', idNumber: nik },
      note: 'Menelepon tentang kejadian yang sama',
    });
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ caseId: reported.id, victimId: reported.victims[0].id, basis: 'nik', channel: 'hotline' });
    // Nothing new to count: no case, no victim, no event (so reporting's figures move by 0 too).
    expect(await counts()).toEqual(before);

    // Someone who is not a victim of the case is refused: her report is a new case, linked.
    const stranger = await call('intake', 'POST', `/cases/${reported.id}/reports`, 'worker-a', {
      channel: 'walk-in',
      victim: { name: 'Maria Ulfa', sex: 'female', ageYears: 40, district: 'Kota Batam' },
    });
    expect(stranger.status).toBe(422);
    const invalid = await call('intake', 'POST', `/cases/${reported.id}/reports`, 'worker-a', { channel: 'pigeon', victim: {} });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.fields).sort()).toEqual(
      ['channel', 'victim.district', 'victim.name', 'victim.sex', 'victim.ageYears'].sort(),
    );

    const view = (await call('intake', 'GET', `/cases/${reported.id}`, 'worker-a')).body;
    expect(view.reports).toEqual([
      expect.objectContaining({ channel: 'bp3mi-arrival', attached: false }),
      expect.objectContaining({ channel: 'hotline', attached: true, reporter: expect.objectContaining({ relation: 'family' }) }),
    ]);
    const timeline = (await call('intake', 'GET', `/cases/${reported.id}/timeline`, 'worker-a')).body as Array<{
      what: string;
      detail?: string;
    }>;
    expect(timeline.filter((e) => e.what === 'case.registered' || e.what === 'case.report-attached')).toEqual([
      expect.objectContaining({ what: 'case.registered', detail: expect.stringContaining('bp3mi-arrival') }),
      expect.objectContaining({ what: 'case.report-attached', detail: 'hotline (reporter: family), matched by nik' }),
    ]);
  });

  it('a closed case refuses new work with a 409 saying why until a supervisor reopens it with a reason; the timeline says which victim, never by name', async () => {
    const name = 'Wulan Sari';
    const reported = await register([victim({ name, idNumber: undefined })]);
    const v = reported.victims[0];
    const assessment = { needsInOwnWords: 'Saya ingin aman dan pulang' };
    // One message per broken rule: a missing note is "must be a string", not every rule of the field.
    const noNote = await call('intake', 'POST', `/cases/${reported.id}/close`, 'worker-a', {});
    expect([noNote.status, noNote.body.fields]).toEqual([400, { note: ['note must be a string'] }]);
    expect((await call('intake', 'POST', `/cases/${reported.id}/close`, 'worker-a', { note: 'Dia memilih berhenti' })).status).toBe(200);

    const work: Array<[string, unknown]> = [
      [`/cases/${reported.id}/referrals`, { victimId: v.id, service: 'shelter', agencyId: network.nodes.get('shelter')!.agency }],
      [`/cases/${reported.id}/victims/${v.id}/assessments`, assessment],
      [`/cases/${reported.id}/plan`, { victimId: v.id, services: ['health'] }],
    ];
    for (const [path, body] of work) {
      const refused = await call('intake', 'POST', path, 'worker-a', body);
      expect([path, refused.status]).toEqual([path, 409]);
      expect(refused.body.message).toMatch(new RegExp(`case ${reported.caseNumber} is closed .*a supervisor may reopen it with a reason`));
    }
    expect(
      (await call('intake', 'POST', `/cases/${reported.id}/reopen`, 'worker-a', { reason: 'Dia kembali meminta bantuan' })).status,
    ).toBe(403);
    expect((await call('intake', 'POST', `/cases/${reported.id}/reopen`, 'supervisor', { reason: 'short' })).status).toBe(400);
    const reopened = await call('intake', 'POST', `/cases/${reported.id}/reopen`, 'supervisor', { reason: 'Dia kembali meminta bantuan' });
    expect([reopened.status, reopened.body.status]).toEqual([200, 'open']);
    expect(
      (await call('intake', 'POST', `/cases/${reported.id}/reopen`, 'supervisor', { reason: 'Dia kembali meminta bantuan' })).status,
    ).toBe(409);
    expect((await call('intake', 'POST', work[1][0], 'worker-a', assessment)).status).toBe(201);
    expect((await call('intake', 'POST', work[2][0], 'worker-a', work[2][1])).status).toBe(200);

    const timeline = (await call('intake', 'GET', `/cases/${reported.id}/timeline`, 'worker-a')).body as Array<{
      what: string;
      detail?: string;
      victimId?: string;
    }>;
    expect(timeline.map((e) => e.what)).toEqual(
      expect.arrayContaining(['case.closed', 'case.reopened', 'assessment.recorded', 'plan.services-added']),
    );
    expect(timeline.find((e) => e.what === 'case.reopened')).toMatchObject({ detail: 'Dia kembali meminta bantuan' });
    // Each entry about a victim says which (her record's id, as the case view lists her), never by name.
    expect(timeline.find((e) => e.what === 'assessment.recorded')).toMatchObject({ victimId: v.id });
    expect(timeline.find((e) => e.what === 'plan.services-added')).toMatchObject({ victimId: v.id, detail: 'health' });
    const consents = timeline.filter((e) => e.what === 'consent.given');
    expect(consents.length).toBeGreaterThan(0);
    expect(consents.every((e) => e.victimId === v.id)).toBe(true);
    expect(JSON.stringify(timeline)).not.toContain(name);
    const order = timeline.map((e) => e.what);
    expect(order.indexOf('case.closed')).toBeLessThan(order.indexOf('case.reopened'));
    expect(order.indexOf('case.reopened')).toBeLessThan(order.indexOf('assessment.recorded'));
  });

  it('refers without consent to the service only on a supervisor’s recorded reason, which the agency sees', async () => {
    const reported = await register([victim({ consent: { services: false, statistics: true } })], 'supervisor');
    const shelter = network.nodes.get('shelter')!.agency;
    const ask = { victimId: reported.victims[0].id, service: 'shelter', agencyId: shelter };
    const refused = await call('intake', 'POST', `/cases/${reported.id}/referrals`, 'supervisor', ask);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/no consent to services \(shelter\)/);
    await call('intake', 'POST', `/cases/${reported.id}/shares`, 'supervisor', { staffId: staffIds.get('intake/worker-a') });
    const reason = 'Girl found on the street at night; mother unreachable';
    expect(
      (await call('intake', 'POST', `/cases/${reported.id}/referrals`, 'worker-a', { ...ask, consentOverrideReason: reason })).status,
    ).toBe(403);
    const overridden = await call('intake', 'POST', `/cases/${reported.id}/referrals`, 'supervisor', {
      ...ask,
      consentOverrideReason: reason,
    });
    expect(overridden.status).toBe(201);
    const atShelter = await waitFor('the referral at the shelter', async () => {
      const res = await call('shelter', 'GET', `/referrals/${overridden.body.id}`, 'supervisor');
      return res.status === 200 ? res.body : undefined;
    });
    expect(atShelter.consentOverrideReason).toBe(reason);
    const view = (await call('intake', 'GET', `/cases/${reported.id}`, 'supervisor')).body;
    expect(view.referrals).toEqual([expect.objectContaining({ id: overridden.body.id, consentOverrideReason: reason })]);
  });

  it('keeps dated notes and follow-ups at intake only: sealed at rest, never sent, in the timeline, due ones on their owner’s list', async () => {
    const intakeDb = network.nodes.get('intake')!.database;
    const reported = await register([victim()], 'worker-a');
    const note = `Ibu ${randomBytes(5).toString('hex')} menelepon: korban ingin kembali sekolah`;
    const task = `Telepon sekolah ${randomBytes(5).toString('hex')}`;
    const outbox = async () => Number((await query<{ n: string }>(intakeDb, `SELECT coalesce(max(seq), 0) n FROM messaging_outbox`))[0].n);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const sent = await outbox();

    // Bad input: field errors, nothing stored.
    const empty = await call('intake', 'POST', `/cases/${reported.id}/notes`, 'worker-a', { body: '' });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.fields)).toEqual(['body']);
    const past = await call('intake', 'POST', `/cases/${reported.id}/follow-ups`, 'worker-a', { task, dueOn: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(Object.keys(past.body.fields)).toEqual(['dueOn']);
    const analystOwner = await call('intake', 'POST', `/cases/${reported.id}/follow-ups`, 'worker-a', {
      task,
      dueOn: today,
      ownerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(analystOwner.status).toBe(400);
    expect(Object.keys(analystOwner.body.fields)).toEqual(['ownerId']);
    expect(
      await query(intakeDb, `SELECT id FROM follow_up WHERE case_id = $1 UNION ALL SELECT id FROM case_note WHERE case_id = $1`, [
        reported.id,
      ]),
    ).toEqual([]);
    // Someone who does not work on the case may not write on it.
    expect((await call('intake', 'POST', `/cases/${reported.id}/notes`, 'worker-b', { body: note })).status).toBe(403);

    const written = await call('intake', 'POST', `/cases/${reported.id}/notes`, 'worker-a', { body: note });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ caseId: reported.id, body: note, writtenBy: staffIds.get('intake/worker-a') });
    // A follow-up due today for a colleague: the case is shared with her, and it is on her list, not the writer's.
    const mine = await call('intake', 'POST', `/cases/${reported.id}/follow-ups`, 'worker-a', {
      task,
      dueOn: today,
      ownerId: staffIds.get('intake/worker-b'),
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ task, dueOn: today, ownerId: staffIds.get('intake/worker-b'), state: 'due', doneAt: null });
    const later = await call('intake', 'POST', `/cases/${reported.id}/follow-ups`, 'worker-a', {
      task: 'Kunjungan rumah',
      dueOn: '2099-01-01',
    });
    expect(later.body.state).toBe('open');
    const dueB = await call('intake', 'GET', '/follow-ups/due', 'worker-b');
    expect(dueB.status).toBe(200);
    expect(dueB.body).toEqual([expect.objectContaining({ id: mine.body.id, caseNumber: reported.caseNumber, task, state: 'due' })]);
    expect((await call('intake', 'GET', '/follow-ups/due', 'worker-a')).body.map((f: { id: string }) => f.id)).not.toContain(mine.body.id);
    // Overdue once its day has passed (the day moved back, as the retention test moves dates).
    await query(intakeDb, `UPDATE follow_up SET due_on = due_on - 3 WHERE id = $1`, [mine.body.id]);
    expect((await call('intake', 'GET', '/follow-ups/due', 'worker-b')).body[0].state).toBe('overdue');

    const done = await call('intake', 'POST', `/cases/${reported.id}/follow-ups/${mine.body.id}/done`, 'worker-b');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', doneBy: staffIds.get('intake/worker-b') });
    const again = await call('intake', 'POST', `/cases/${reported.id}/follow-ups/${mine.body.id}/done`, 'worker-a');
    expect(again.body).toMatchObject({ state: 'done', doneBy: staffIds.get('intake/worker-b'), doneAt: done.body.doneAt });
    expect((await call('intake', 'GET', '/follow-ups/due', 'worker-b')).body).toEqual([]);
    const view = await call('intake', 'GET', `/cases/${reported.id}/notes`, 'worker-a');
    expect(view.body.notes.map((n: { body: string }) => n.body)).toEqual([note]);
    expect(view.body.followUps.map((f: { state: string }) => f.state)).toEqual(['open', 'done']);

    // In the case's timeline, in clear; nothing went into the outbox; at rest only sealed.
    const timeline = (await call('intake', 'GET', `/cases/${reported.id}/timeline`, 'worker-a')).body as Array<{
      what: string;
      detail?: string;
    }>;
    expect(timeline.filter((e) => ['note.written', 'follow-up.set', 'follow-up.done'].includes(e.what))).toEqual([
      expect.objectContaining({ what: 'note.written', detail: note }),
      expect.objectContaining({ what: 'follow-up.set', detail: task }),
      expect.objectContaining({ what: 'follow-up.set', detail: 'Kunjungan rumah' }),
      expect.objectContaining({ what: 'follow-up.done', detail: task }),
    ]);
    // (Other tests' cases may raise deadline alerts meanwhile: only this case's rows count.)
    expect(
      await query(
        intakeDb,
        `SELECT pattern FROM messaging_outbox WHERE seq > $1 AND (case_key = $2 OR envelope::text LIKE '%' || $2 || '%')`,
        [sent, reported.id],
      ),
    ).toEqual([]);
    const dumped = execFileSync('pg_dump', ['--no-owner', '--no-privileges', databaseUrl(intakeDb)], { maxBuffer: 256 << 20 }).toString();
    expect([...encodings(note), ...encodings(task)].filter((form) => dumped.includes(form))).toEqual([]);
  });

  it('gives a case worker her lists: my cases, search by number, referrals waiting, declined needing a new agency', async () => {
    const mine = await register([victim()], 'worker-b');
    const shelter = network.nodes.get('shelter')!.agency;
    const referral = await call('intake', 'POST', `/cases/${mine.id}/referrals`, 'worker-b', {
      victimId: mine.victims[0].id,
      service: 'shelter',
      agencyId: shelter,
    });
    expect(referral.status).toBe(201);

    const myCases = (await call('intake', 'GET', '/cases', 'worker-b')).body as Array<{ id: string; caseNumber: string }>;
    expect(myCases.map((c) => c.id)).toContain(mine.id);
    const supervisorsOwn = (await call('intake', 'GET', '/cases?mine=true', 'supervisor')).body as Array<{ id: string; ownerId: string }>;
    expect(supervisorsOwn.map((c) => c.id)).not.toContain(mine.id);
    expect(supervisorsOwn.length).toBeGreaterThan(0); // she registered cases above
    expect(supervisorsOwn.every((c) => c.ownerId === staffIds.get('intake/supervisor'))).toBe(true);
    expect((await call('intake', 'GET', '/cases', 'supervisor')).body.map((c: { id: string }) => c.id)).toContain(mine.id);
    expect(mine.caseNumber).toMatch(/^\d{4}-\d{4}$/);
    const found = (await call('intake', 'GET', `/cases?number=${mine.caseNumber}`, 'supervisor')).body as Array<{ id: string }>;
    expect(found.map((c) => c.id)).toEqual([mine.id]);
    expect((await call('intake', 'GET', '/cases?number=abc', 'supervisor')).status).toBe(400);

    const waiting = (await call('intake', 'GET', '/referrals/waiting?hours=0', 'worker-b')).body as Array<{
      id: string;
      caseNumber: string;
    }>;
    expect(waiting).toEqual([expect.objectContaining({ id: referral.body.id, caseNumber: mine.caseNumber })]);
    expect((await call('intake', 'GET', '/referrals/waiting?hours=0', 'worker-a')).body.map((r: { id: string }) => r.id)).not.toContain(
      referral.body.id,
    );
    expect((await call('intake', 'GET', '/referrals/waiting', 'worker-b')).body).toEqual([]); // not yet 24 hours

    // The shelter is full: declined, so the need shows until another shelter is asked.
    await waitFor(
      'the referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${referral.body.id}`, 'supervisor')).status === 200,
    );
    // A decline says why as a code from the vocabulary, beside the note in the staff's own words.
    const uncoded = await call('shelter', 'POST', `/referrals/${referral.body.id}/decline`, 'supervisor', { reason: 'No capacity' });
    expect(uncoded.status).toBe(400);
    expect(Object.keys(uncoded.body.fields)).toEqual(['code']);
    const decline = { code: 'no-capacity', reason: 'No capacity' };
    expect((await call('shelter', 'POST', `/referrals/${referral.body.id}/decline`, 'supervisor', decline)).status).toBe(200);
    const declined = await waitFor('the declined list', async () => {
      const list = (await call('intake', 'GET', '/referrals/declined', 'worker-b')).body as Array<{ id: string; reason: string }>;
      return list.find((r) => r.id === referral.body.id);
    });
    expect(declined).toMatchObject({ reason: 'No capacity', code: 'no-capacity' });
    // Reporting counts it by its code, not by the words.
    const year = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' }).slice(0, 4);
    const performance = await waitFor('the decline counted by its code', async () => {
      const p = (await call('reporting', 'GET', `/statistics/referral-performance?year=${year}`, 'analyst')).body;
      return p?.all?.declined === 1 ? p : undefined;
    });
    expect(performance.declinedByReason).toEqual({
      'no-capacity': 1,
      'outside-service-area': 0,
      'not-eligible': 0,
      'victim-refused': 0,
      duplicate: 0,
      other: 0,
    });
    const retry = await call('intake', 'POST', `/cases/${mine.id}/referrals`, 'worker-b', {
      victimId: mine.victims[0].id,
      service: 'shelter',
      agencyId: shelter,
    });
    expect(retry.status).toBe(201);
    expect((await call('intake', 'GET', '/referrals/declined', 'worker-b')).body.map((r: { id: string }) => r.id)).not.toContain(
      referral.body.id,
    );
  });
});
