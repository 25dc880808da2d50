import { execFile } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  buildSubject,
  CaseRegistered,
  ReferralRequested,
  ServiceRecordedByIntake,
  SPEC_VERSION,
  type CaseRegisteredV1,
  type EventEnvelope,
  type ReferralRequestedV1,
  type ServiceRecordedV2,
} from '@rujukan/contracts';
import {
  AgencyRegistry,
  BATCH_AREA,
  BATCH_EVENT,
  BATCH_VERSION,
  batchSignedBytes,
  consumerNames,
  dayOf,
  EnvelopeProtection,
  keyFingerprint,
  keysFingerprint,
  newRegistryKey,
  NodeKeys,
  registryContent,
  signedBytes,
  signRegistry,
  type AgencyPublicKeys,
} from '@rujukan/messaging';
import { PROJECTION_TABLES } from '../../apps/reporting/src/rebuild/rebuild.command.js';
import { nodeKeyFile, type Network } from '../../scripts/network/start-network.js';
import { databaseUrl, query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { PrivateNats } from '../support/private-nats.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';
import { encodings } from '../support/encodings.js';

const execFileAsync = promisify(execFile);
/** A second UPTD PPA, to hand a case over to. */
const LOMBOK = { id: 'uptd-ppa-lombok-timur', node: 'intake', name: 'UPTD PPA Kabupaten Lombok Timur' };
/** One referral per service provider: each victim's data may be at intake and at her receiver, nowhere else. */
const SERVICES = [
  ['shelter', 'shelter'],
  ['health', 'health'],
  ['law-enforcement', 'legal-aid'],
  ['social-rehabilitation', 'rehabilitation'],
  ['repatriation', 'reintegration'],
] as const;

interface Victim {
  name: string;
  idNumber: string;
  birthDate: string;
  address: string;
  safetyNotes: string;
  narrative: string;
  requestNotes: string;
}

function secretsOf(v: Victim): string[] {
  return [v.name, v.idNumber, v.birthDate, v.address, v.safetyNotes, v.narrative, v.requestNotes];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Identities sealed to the receiver (docs/security.md): after referrals to
 * every service provider and a hand-over, the bus's raw store files and every
 * node that is not the victim's sender or receiver hold none of her
 * identifying data in any form; forged, altered and mis-sealed envelopes are
 * dead-lettered and change nothing. Eight nodes on a private nats-server.
 */
describe('victim identities sealed to the receiver, events signed by their agency', () => {
  let nats: PrivateNats;
  let network: Network;
  let registryDir: string;
  const tokens = new Map<string, string>();
  const passwords = new Map<string, string>();
  const logs: string[] = [];
  const victims = new Map<string, Victim>();
  const crafted: Victim[] = [];
  /** Staff's own words in answers and revocations: only their writer and their receiver may hold them. */
  const notes: Array<{ writer: string; receiver: string; text: string }> = [];

  async function call(node: string, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${node}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  function newVictim(): Victim {
    const tag = randomBytes(5).toString('hex');
    const birthDate = `19${randomInt(70, 99)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`;
    return {
      name: `Korban Rahasia ${tag}`,
      idNumber: testNik('female', birthDate),
      birthDate,
      address: `Jalan Melati ${tag} No. 7`,
      safetyNotes: `Perekrut ${tag} menunggu di pelabuhan`,
      narrative: `Dijual ke kompleks penipuan ${tag} di Johor`,
      requestNotes: `Butuh pendampingan ${tag} segera`,
    };
  }

  async function register(v: Victim): Promise<{ caseId: string; victimId: string }> {
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'bp3mi-arrival',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['trafficking'], place: 'workplace', perpetratorRelation: 'employer', narrative: v.narrative },
      perpetrators: [{ sex: 'male', ageYears: 40, relation: 'employer' }],
      victims: [
        {
          name: v.name,
          sex: 'female',
          birthDate: v.birthDate,
          district: 'Kabupaten Lombok Timur',
          address: v.address,
          idNumber: v.idNumber,
          safetyNotes: v.safetyNotes,
          consent: { services: true, statistics: true },
        },
      ],
    });
    expect(res.status).toBe(201);
    return { caseId: res.body.id, victimId: res.body.victims[0].id };
  }

  const keysOf = (name: string) => NodeKeys.loadOrCreate(nodeKeyFile(network.options, name));
  const agencyOf = (name: string) => network.nodes.get(name)!.agency;

  /** A referral from intake to the shelter made outside intake: sealed and signed as the test says. */
  function craftedReferral(sealTo: string, signWith: string): { envelope: Record<string, unknown>; referralId: string } {
    const v = newVictim();
    crafted.push(v);
    const referralId = randomUUID();
    const envelope: EventEnvelope<ReferralRequestedV1> = {
      specversion: SPEC_VERSION,
      id: randomUUID(),
      type: ReferralRequested.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: { agency: agencyOf('intake'), node: 'intake' },
      to: agencyOf('shelter'),
      caseId: randomUUID(),
      victimId: randomUUID(),
      correlationId: randomUUID(),
      payload: {
        referralId,
        service: 'shelter',
        person: { name: v.name, sex: 'female', ageYears: 30, safetyNotes: v.safetyNotes, requestNotes: v.requestNotes },
      },
    };
    const keys: Record<string, AgencyPublicKeys> = {
      [agencyOf('intake')]: keysOf('intake').publicKeys,
      [agencyOf('shelter')]: keysOf(sealTo).publicKeys,
    };
    const registry = AgencyRegistry.of([...network.registry.agencies], keys);
    const sealed = new EnvelopeProtection(registry, keysOf('intake'), agencyOf('intake')).protect(envelope, ReferralRequested);
    const body = JSON.parse(JSON.stringify(sealed)) as Record<string, unknown>;
    body.signature = keysOf(signWith).sign(signedBytes(body));
    return { envelope: body, referralId };
  }

  /** A case.registered from intake, as intake writes it to its outbox. */
  function caseRegistered(): { subject: string; envelope: EventEnvelope<CaseRegisteredV1> } {
    const envelope: EventEnvelope<CaseRegisteredV1> = {
      specversion: SPEC_VERSION,
      id: randomUUID(),
      type: CaseRegistered.type,
      version: 1,
      occurredAt: dayOf(new Date()),
      source: { agency: agencyOf('intake'), node: 'intake' },
      to: 'all',
      caseId: randomUUID(),
      correlationId: randomUUID(),
      payload: {
        kind: 'violence-against-women',
        channel: 'walk-in',
        month: new Date().toISOString().slice(0, 7),
        district: 'Kota Tanjungpinang',
        violenceTypes: ['physical'],
        place: 'household',
        victims: [{ victimId: randomUUID(), sex: 'female', ageBand: '25-44', child: false, district: 'Kota Tanjungpinang', sequence: 1 }],
      },
    };
    const prefix = network.registry.network.prefix;
    return {
      subject: buildSubject(prefix, { area: 'case', event: 'registered', version: 1, from: agencyOf('intake'), to: 'all' }),
      envelope,
    };
  }

  /** A service.recorded v2 from intake for an agency, as intake relays a service (a case.registered's shape for craftedBatch). */
  function serviceRecorded(agencyId: string): ReturnType<typeof caseRegistered> {
    const envelope: EventEnvelope<ServiceRecordedV2> = {
      specversion: SPEC_VERSION,
      id: randomUUID(),
      type: ServiceRecordedByIntake.type,
      version: 2,
      occurredAt: dayOf(new Date()),
      source: { agency: agencyOf('intake'), node: 'intake' },
      to: 'all',
      caseId: randomUUID(),
      correlationId: randomUUID(),
      payload: {
        recordId: randomUUID(),
        victimId: randomUUID(),
        service: 'health',
        activity: 'health-visit',
        indicator: 'health',
        month: new Date().toISOString().slice(0, 7),
        agencyId,
      },
    };
    const subject = buildSubject(network.registry.network.prefix, {
      area: 'service',
      event: 'recorded',
      version: 2,
      from: agencyOf('intake'),
      to: 'all',
    });
    return { subject, envelope } as unknown as ReturnType<typeof caseRegistered>;
  }

  /** A batch of case.registered events from intake, sealed to reporting's key and signed as the test says. */
  function craftedBatch(
    signWith: string,
    events = [caseRegistered()],
  ): { batch: Record<string, unknown>; caseId: string; events: ReturnType<typeof caseRegistered>[] } {
    const keys: Record<string, AgencyPublicKeys> = {
      [agencyOf('intake')]: keysOf('intake').publicKeys,
      [agencyOf('reporting')]: keysOf('reporting').publicKeys,
    };
    const registry = AgencyRegistry.of([...network.registry.agencies], keys);
    const made = new EnvelopeProtection(registry, keysOf('intake'), agencyOf('intake')).protectBatch(
      { id: randomUUID(), source: { agency: agencyOf('intake'), node: 'intake' } },
      events.map((e) => ({ subject: e.subject, envelope: e.envelope as unknown as Record<string, unknown> })),
    );
    const batch = JSON.parse(JSON.stringify(made)) as Record<string, unknown>;
    batch.signature = keysOf(signWith).sign(batchSignedBytes(made));
    return { batch, caseId: events[0].envelope.caseId!, events };
  }

  async function publishBatch(batch: Record<string, unknown>): Promise<void> {
    const nc = await connect({ servers: nats.url });
    try {
      const subject = buildSubject(network.registry.network.prefix, {
        area: BATCH_AREA,
        event: BATCH_EVENT,
        version: BATCH_VERSION,
        from: agencyOf('intake'),
        to: 'all',
      });
      await jetstream(nc).publish(subject, JSON.stringify(batch));
    } finally {
      await nc.close();
    }
  }

  const casesAtReporting = async (caseId: string) =>
    Number(
      (
        await query<{ n: string }>(network.nodes.get('reporting')!.database, 'SELECT count(*) n FROM case_fact WHERE case_id = $1', [
          caseId,
        ])
      )[0].n,
    );

  async function publishToShelter(envelope: Record<string, unknown>): Promise<void> {
    const nc = await connect({ servers: nats.url });
    try {
      const subject = buildSubject(network.registry.network.prefix, {
        area: 'referral',
        event: 'requested',
        version: 1,
        from: agencyOf('intake'),
        to: agencyOf('shelter'),
      });
      await jetstream(nc).publish(subject, JSON.stringify(envelope));
    } finally {
      await nc.close();
    }
  }

  const deadLetter = (eventId: unknown) =>
    waitFor(`dead letter ${String(eventId)} at the shelter`, async () => {
      const rows = await query<{ reason: string; data: Buffer }>(
        network.nodes.get('shelter')!.database,
        'SELECT reason, data FROM messaging_dead_letter WHERE event_id = $1',
        [eventId],
      );
      return rows[0];
    });

  beforeAll(async () => {
    nats = await PrivateNats.start();
    registryDir = mkdtempSync(join(tmpdir(), 'rujukan-registry-'));
    const registry = JSON.parse(readFileSync('bus/agencies.json', 'utf8'));
    registry.agencies.push(LOMBOK);
    const registryPath = join(registryDir, 'agencies.json');
    writeFileSync(registryPath, JSON.stringify(registry));
    network = await startSevenNodes({
      label: 'sealed',
      statisticsKey: randomBytes(32).toString('hex'),
      registryPath,
      natsUrl: nats.url,
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
    const staff = await signInStaff(
      network,
      [
        { username: 'worker', role: 'case-worker' },
        { username: 'supervisor', role: 'supervisor' },
      ],
      [{ username: 'analyst', role: 'analyst' }],
    );
    for (const [key, account] of staff) {
      tokens.set(key, account.token);
      passwords.set(key, account.password);
    }
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    await nats?.destroy();
    if (registryDir) rmSync(registryDir, { recursive: true, force: true });
  });

  it('refers a victim to every service provider and hands a case over: each receiver opens what was sealed to it', async () => {
    const referralIds = new Map<string, string>();
    const caseIds = new Map<string, string>();
    for (const [service, receiver] of SERVICES) {
      const v = newVictim();
      victims.set(receiver, v);
      const { caseId, victimId } = await register(v);
      const referred = await call('intake', 'POST', `/cases/${caseId}/referrals`, 'worker', {
        victimId,
        service,
        agencyId: agencyOf(receiver),
        requestNotes: v.requestNotes,
      });
      expect(referred.status).toBe(201);
      const incoming = await waitFor(`the ${service} referral at ${receiver}`, async () => {
        const res = await call(receiver, 'GET', `/referrals/${referred.body.id}`, 'supervisor');
        return res.status === 200 ? res.body : undefined;
      });
      // Opened at the receiver: what the service needs, in clear.
      expect(incoming.person.name).toBe(v.name);
      expect(incoming.person.requestNotes).toBe(v.requestNotes);
      if (service === 'law-enforcement') {
        expect(incoming.person.idNumber).toBe(v.idNumber);
        expect(incoming.person.incidentNarrative).toBe(v.narrative);
      }
      referralIds.set(receiver, referred.body.id as string);
      caseIds.set(referred.body.id as string, caseId);
    }

    // Free text in answers and revocations travels sealed too: a decline's reason, a completion's note, a revocation's reason.
    const tag = () => randomBytes(5).toString('hex');
    const declineReason = `Penuh; dia aman di rumah bibinya ${tag()}`;
    const completionNote = `Luka sembuh; kontrol di Puskesmas Bintan ${tag()}`;
    const revokeReason = `Dia pindah ke rumah kakaknya ${tag()}`;
    notes.push(
      { writer: 'shelter', receiver: 'intake', text: declineReason },
      { writer: 'health', receiver: 'intake', text: completionNote },
      { writer: 'intake', receiver: 'rehabilitation', text: revokeReason },
    );
    const answers = [
      await call('shelter', 'POST', `/referrals/${referralIds.get('shelter')}/decline`, 'supervisor', {
        code: 'no-capacity',
        reason: declineReason,
      }),
      await call('health', 'POST', `/referrals/${referralIds.get('health')}/accept`, 'supervisor'),
      await call('health', 'POST', `/referrals/${referralIds.get('health')}/complete`, 'supervisor', { note: completionNote }),
      await call('intake', 'POST', `/referrals/${referralIds.get('rehabilitation')}/revoke`, 'worker', { reason: revokeReason }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // Each receiver opened the words meant for it.
    // Intake keeps each note sealed with her data key (docs/security.md, "Victims' data at rest"): read through its API.
    const noteOf = async (referralId: string) => {
      const view = await call('intake', 'GET', `/cases/${caseIds.get(referralId)}`, 'worker');
      return (view.body.referrals as Array<{ id: string; outcomeNote: string | null }>).find((r) => r.id === referralId)?.outcomeNote;
    };
    const outcome = async (referralId: string, status: string) =>
      waitFor(`intake sees referral ${referralId} ${status}`, async () => {
        const [row] = await query<{ state: string; outcome_note: string | null }>(
          network.nodes.get('intake')!.database,
          'SELECT state, outcome_note FROM referral WHERE id = $1',
          [referralId],
        );
        return row?.state === status ? row : undefined;
      });
    expect((await outcome(referralIds.get('shelter')!, 'declined')).outcome_note).toMatch(/^aead1:/);
    expect(await noteOf(referralIds.get('shelter')!)).toBe(declineReason);
    expect((await outcome(referralIds.get('health')!, 'completed')).outcome_note).toMatch(/^aead1:/);
    expect(await noteOf(referralIds.get('health')!)).toBe(completionNote);
    await waitFor('the rehabilitation referral revoked at the rehabilitation node', async () => {
      const res = await call('rehabilitation', 'GET', `/referrals/${referralIds.get('rehabilitation')}`, 'supervisor');
      return res.status === 200 && res.body.state === 'revoked';
    });

    const handedOver = newVictim();
    victims.set(LOMBOK.id, handedOver);
    const { caseId, victimId } = await register(handedOver);
    expect(
      (await call('intake', 'POST', `/victims/${victimId}/consents`, 'worker', { purpose: 'disclosure', givenAs: 'signed' })).status,
    ).toBe(201);
    const sent = await call('intake', 'POST', `/cases/${caseId}/handovers`, 'worker', {
      toAgencyId: LOMBOK.id,
      reason: `Dia pulang ke ${handedOver.address}`,
    });
    expect(sent.status).toBe(202);
    const incoming = await waitFor('the hand-over at Lombok Timur', async () => {
      const list = (await call(LOMBOK.id, 'GET', '/handovers/incoming?state=requested', 'supervisor')).body as Array<{ id: string }>;
      return list.find((h) => h.id === sent.body.id);
    });
    const accepted = await call(LOMBOK.id, 'POST', `/handovers/incoming/${incoming.id}/accept`, 'supervisor', {});
    expect(accepted.status).toBe(200);
    const theirs = (await call(LOMBOK.id, 'GET', `/cases/${accepted.body.caseId}`, 'supervisor')).body;
    expect(theirs.victims.map((x: { name: string }) => x.name)).toEqual([handedOver.name]);
    await waitFor(
      'the sender’s case closed-referred',
      async () => (await call('intake', 'GET', `/cases/${caseId}`, 'worker')).body.status === 'closed-referred',
    );
  });

  it('dead-letters an envelope signed with another agency’s key, an altered one and one sealed to another key, with no effect', async () => {
    // The control: made the same way, sealed to the shelter and signed by intake, it is applied.
    const good = craftedReferral('shelter', 'intake');
    await publishToShelter(good.envelope);
    await waitFor(
      'the crafted referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${good.referralId}`, 'supervisor')).status === 200,
    );

    const foreign = craftedReferral('shelter', 'health');
    const wrongKey = craftedReferral('health', 'intake');
    const altered = craftedReferral('shelter', 'intake');
    const sealed = altered.envelope.encrypted as Record<string, string>;
    const data = Buffer.from(sealed.data, 'base64');
    data[5] ^= 0x20;
    altered.envelope.encrypted = { ...sealed, data: data.toString('base64') };
    for (const bad of [foreign, wrongKey, altered]) await publishToShelter(bad.envelope);

    expect((await deadLetter(foreign.envelope.id)).reason).toMatch(/^signature does not verify with .+'s key from the agency registry/);
    expect((await deadLetter(altered.envelope.id)).reason).toMatch(/^signature does not verify/);
    expect((await deadLetter(wrongKey.envelope.id)).reason).toMatch(/^cannot open: sealed to a key this node does not hold/);
    for (const bad of [foreign, wrongKey, altered]) {
      expect((await call('shelter', 'GET', `/referrals/${bad.referralId}`, 'supervisor')).status).toBe(404);
      // The dead letter keeps the sealed form.
      const letter = await deadLetter(bad.envelope.id);
      expect(letter.data.toString('utf8')).not.toContain('Korban Rahasia');
    }
    // And the events behind them still arrive.
    const after = craftedReferral('shelter', 'intake');
    await publishToShelter(after.envelope);
    await waitFor(
      'a good referral behind the bad ones',
      async () => (await call('shelter', 'GET', `/referrals/${after.referralId}`, 'supervisor')).status === 200,
    );
  });

  it('dead-letters a broadcast batch altered on the stream or signed with another agency’s key, with no effect', async () => {
    // The control: sealed to reporting and signed by intake, its case is counted.
    const good = craftedBatch('intake');
    await publishBatch(good.batch);
    await waitFor('the crafted batch’s case at reporting', async () => (await casesAtReporting(good.caseId)) === 1);

    const foreign = craftedBatch('health');
    const altered = craftedBatch('intake');
    const sealed = altered.batch.sealed as { nonce: string; data: string };
    const data = Buffer.from(sealed.data, 'base64');
    data[5] ^= 0x20;
    altered.batch.sealed = { ...sealed, data: data.toString('base64') };
    for (const bad of [foreign, altered]) await publishBatch(bad.batch);

    const batchLetter = (batchId: unknown) =>
      waitFor(`dead letter of batch ${String(batchId)} at reporting`, async () => {
        const rows = await query<{ reason: string; pattern: string }>(
          network.nodes.get('reporting')!.database,
          'SELECT reason, pattern FROM messaging_dead_letter WHERE event_id = $1',
          [batchId],
        );
        return rows[0];
      });
    expect(await batchLetter(foreign.batch.id)).toEqual({
      pattern: 'bus.broadcast-batch.v1',
      reason: expect.stringMatching(/^batch signature does not verify with .+'s key from the agency registry/),
    });
    expect((await batchLetter(altered.batch.id)).reason).toMatch(/^batch signature does not verify/);
    // A good batch behind the bad ones still arrives; the bad ones counted nothing.
    const after = craftedBatch('intake');
    await publishBatch(after.batch);
    await waitFor('a good batch behind the bad ones', async () => (await casesAtReporting(after.caseId)) === 1);
    expect(await casesAtReporting(foreign.caseId)).toBe(0);
    expect(await casesAtReporting(altered.caseId)).toBe(0);
  });

  it('applies the good events of a verified batch and dead-letters a bad one alone, its letter the sealed batch, replayed by itself', async () => {
    const good = caseRegistered();
    const bad = caseRegistered();
    (bad.envelope.payload as unknown as Record<string, unknown>).place = 'on-the-moon';
    const { batch } = craftedBatch('intake', [good, bad]);
    await publishBatch(batch);
    await waitFor('the good event of the batch at reporting', async () => (await casesAtReporting(good.envelope.caseId!)) === 1);
    const reporting = network.nodes.get('reporting')!.database;
    const letter = await waitFor('the bad event’s dead letter', async () => {
      const rows = await query<{ id: string; reason: string; pattern: string; data: Buffer }>(
        reporting,
        'SELECT id, reason, pattern, data FROM messaging_dead_letter WHERE event_id = $1',
        [bad.envelope.id],
      );
      return rows[0];
    });
    expect(letter.pattern).toBe('case.registered.v1');
    expect(letter.reason).toMatch(/^invalid payload: place/);
    // The letter keeps the batch as it came: sealed, the event's fields nowhere in clear.
    expect(letter.data.toString('utf8')).not.toContain('on-the-moon');
    expect(JSON.parse(letter.data.toString('utf8')).id).toBe(batch.id);
    // Its replay verifies and opens the batch again and applies only this event: the good one is not counted again.
    const replayed = await network.command('reporting', ['dead-letters', 'replay', letter.id]).then(
      () => undefined,
      (err: unknown) => err as { code: number; stdout: string },
    );
    expect(replayed?.code).toBe(1);
    expect(replayed!.stdout).toContain(`${letter.id}: dead-lettered`);
    expect(await casesAtReporting(good.envelope.caseId!)).toBe(1);
    expect(await casesAtReporting(bad.envelope.caseId!)).toBe(0);
    const [again] = await query<{ reason: string; replay_outcome: string | null }>(
      reporting,
      'SELECT reason, replay_outcome FROM messaging_dead_letter WHERE id = $1',
      [letter.id],
    );
    expect(again).toEqual({ replay_outcome: 'dead-lettered', reason: expect.stringMatching(/^invalid payload: place/) });
  });

  it('applies a batch in one transaction, each event under its own savepoint: one seen twice counts once, one its handler refuses is dead-lettered alone', async () => {
    const first = caseRegistered();
    const refused = serviceRecorded('no-such-agency');
    const last = caseRegistered();
    const { batch } = craftedBatch('intake', [first, first, refused, last]);
    await publishBatch(batch);
    const reporting = network.nodes.get('reporting')!.database;
    const letter = await waitFor('the refused event’s dead letter', async () => {
      const rows = await query<{ reason: string }>(reporting, 'SELECT reason FROM messaging_dead_letter WHERE event_id = $1', [
        refused.envelope.id,
      ]);
      return rows[0];
    });
    expect(letter.reason).toBe('rejected: agency no-such-agency is not in the agency registry');
    // Committed with the refused one: the events before and after it, the repeated one once.
    expect(await casesAtReporting(first.envelope.caseId!)).toBe(1);
    expect(await casesAtReporting(last.envelope.caseId!)).toBe(1);
    const inbox = await query<{ event_id: string; duplicate_deliveries: number }>(
      reporting,
      'SELECT event_id, duplicate_deliveries FROM messaging_inbox WHERE event_id = ANY($1) ORDER BY duplicate_deliveries DESC',
      [[first.envelope.id, refused.envelope.id, last.envelope.id]],
    );
    expect(inbox).toEqual([
      { event_id: first.envelope.id, duplicate_deliveries: 1 },
      { event_id: last.envelope.id, duplicate_deliveries: 0 },
    ]);
    // The refused event's inbox row and writes went back to its savepoint.
    const [services] = await query<{ n: string }>(reporting, 'SELECT count(*) n FROM service_fact WHERE case_id = $1', [
      refused.envelope.caseId,
    ]);
    expect(Number(services.n)).toBe(0);
  });

  it('rebuilds reporting in bulk to the same tables, and dead-letters the same bad batches and events again, each alone', async () => {
    const reporting = network.nodes.get('reporting')!.database;
    const tables = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const t of PROJECTION_TABLES) rows[t] = await query(reporting, `SELECT * FROM ${t} ORDER BY 1, 2`);
      return rows;
    };
    // What went wrong on the stream: a batch that does not verify, an event a verified batch holds that is invalid or refused.
    const letters = () =>
      query<{ event_id: string; pattern: string; reason: string }>(
        reporting,
        `SELECT DISTINCT event_id, pattern, reason FROM messaging_dead_letter WHERE subject LIKE '%.all' ORDER BY event_id, reason`,
      );
    const inbox = () => query<{ event_id: string }>(reporting, 'SELECT event_id FROM messaging_inbox ORDER BY event_id');
    // Intake stops first: its deadline check would otherwise raise an alert (a broadcast) between the snapshot and the
    // rebuild (a high-risk case is overdue at once, and alerted at the next check). What it still holds in its outbox is
    // on no stream, so neither the live consumer nor the rebuild has it.
    await network.stopNode('intake');
    await waitFor('every broadcast sent', async () => {
      for (const [name, node] of network.nodes) {
        if (name === 'intake') continue;
        const [{ n }] = await query<{ n: string }>(
          node.database,
          `SELECT count(*) n FROM messaging_outbox WHERE recipient = 'all' AND sent_at IS NULL`,
        );
        if (Number(n)) return false;
      }
      return true;
    });
    // The snapshot and the rebuild's answer are both read with reporting stopped, so its tables change only by the
    // rebuild; and only when its live consumer had taken and acknowledged every batch on the stream when it stopped,
    // and nothing reached the stream while it was stopped (else once more, saying what came: at most 3 times).
    const nc = await connect({ servers: nats.url });
    const stream = network.registry.network.stream;
    const consumer = consumerNames(network.nodes.get('reporting')!.agency).broadcast;
    type Snapshot = { tables: Record<string, unknown[]>; letters: Awaited<ReturnType<typeof letters>>; inbox: Array<{ event_id: string }> };
    let before: Snapshot | undefined;
    let after: Snapshot | undefined;
    let out = { stdout: '' };
    try {
      const jsm = await jetstreamManager(nc);
      const drained = async () => {
        const i = await jsm.consumers.info(stream, consumer);
        return i.num_pending === 0 && i.num_ack_pending === 0;
      };
      const lastSeq = async () => (await jsm.streams.info(stream)).state.last_seq;
      for (let attempt = 1; attempt <= 3 && !after; attempt++) {
        await waitFor('reporting’s broadcasts drained', drained);
        await network.stopNode('reporting');
        const last = await lastSeq();
        if (await drained()) {
          before = { tables: await tables(), letters: await letters(), inbox: await inbox() };
          // Damage: the rebuild must find every bad one again, not lean on the letters there.
          await query(reporting, 'DELETE FROM messaging_dead_letter');
          await query(reporting, 'DELETE FROM case_fact');
          out = await network.command('reporting', ['projections', 'rebuild']);
          const rebuilt = { tables: await tables(), letters: await letters(), inbox: await inbox() };
          if ((await lastSeq()) === last) after = rebuilt;
        }
        if (!after) {
          const now = await lastSeq();
          const late: string[] = [];
          for (let seq = last + 1; seq <= now; seq++) late.push((await jsm.streams.getMessage(stream, { seq }))?.subject ?? `#${seq}`);
          process.stderr.write(`rebuild attempt ${attempt}: the stream moved while reporting was stopped: ${late.join(', ')}\n`);
        }
        await network.startNode('reporting');
      }
    } finally {
      await nc.close();
    }
    await network.startNode('intake');
    expect(before!.letters.map((l) => l.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^batch signature does not verify/),
        expect.stringMatching(/^invalid payload: place/),
        'rejected: agency no-such-agency is not in the agency registry',
      ]),
    );
    expect(after).toBeDefined();
    expect(out.stdout).toContain(`${before!.letters.length} dead-lettered`);
    expect(after!.letters).toEqual(before!.letters);
    expect(after!.tables).toEqual(before!.tables);
    expect(after!.inbox).toEqual(before!.inbox);
  });

  it('holds a changed key until an agency admin accepts it, refuses a swap the office did not sign, and opens events sealed to a rotated key', async () => {
    const registryFile = network.options.signedRegistry!;
    const officeKey = readFileSync(join(dirname(registryFile.keyPath), 'ppa-office.key.pem'), 'utf8');
    const shelterKeyFile = nodeKeyFile(network.options, 'shelter');
    const oldKid = keyFingerprint(keysOf('shelter').sealingPublicKey);
    const pinOf = async (agency: string) =>
      (
        (await call('intake', 'GET', '/agency-keys', 'admin')).body as Array<{
          agency: string;
          fingerprint: string;
          waiting?: { fingerprint: string };
        }>
      ).find((p) => p.agency === agency)!;
    const pinnedBefore = await pinOf(agencyOf('shelter'));
    expect(pinnedBefore.waiting).toBeUndefined();
    const allKeys = () => Object.fromEntries([...network.nodes].map(([name, n]) => [n.agency, keysOf(name).publicKeys]));

    // A swap the office did not sign: refused whole, nothing waits.
    const forger = newRegistryKey();
    const forged = { ...allKeys(), [agencyOf('shelter')]: keysOf('health').publicKeys };
    writeFileSync(
      registryFile.path,
      JSON.stringify(signRegistry(registryContent(network.registry.agencies, 2, new Date(), forged), forger.privatePem)),
    );
    await waitFor('intake refuses the forged registry', async () =>
      logs.some((l) => l.startsWith('intake ') && /not signed by the PPA office key/.test(l)),
    );
    expect(await pinOf(agencyOf('shelter'))).toEqual(pinnedBefore);

    // The shelter rotates its key while it is down; the office signs the new public keys in.
    await network.stopNode('shelter');
    NodeKeys.rotateSealingKey(shelterKeyFile);
    const rotated = keysOf('shelter').publicKeys;
    writeFileSync(
      registryFile.path,
      JSON.stringify(signRegistry(registryContent(network.registry.agencies, 3, new Date(), allKeys()), officeKey)),
    );
    const waiting = await waitFor('the new shelter key waits at intake', async () => (await pinOf(agencyOf('shelter'))).waiting);
    expect(waiting.fingerprint).toBe(keysFingerprint(rotated));
    expect((await pinOf(agencyOf('shelter'))).fingerprint).toBe(pinnedBefore.fingerprint);

    // Until it is accepted, intake still seals to the old key; the rotated shelter still opens it.
    const refer = async () => {
      const v = newVictim();
      crafted.push(v);
      const { caseId, victimId } = await register(v);
      const res = await call('intake', 'POST', `/cases/${caseId}/referrals`, 'worker', {
        victimId,
        service: 'shelter',
        agencyId: agencyOf('shelter'),
      });
      expect(res.status).toBe(201);
      const [row] = await query<{ envelope: { encrypted: { kid: string } } }>(
        network.nodes.get('intake')!.database,
        `SELECT envelope FROM messaging_outbox WHERE envelope->>'type' = 'referral.requested' AND envelope->'payload'->>'referralId' = $1`,
        [res.body.id],
      );
      return { referralId: res.body.id as string, kid: row.envelope.encrypted.kid, name: v.name };
    };
    const beforeAccept = await refer();
    expect(beforeAccept.kid).toBe(oldKid);
    await network.startNode('shelter');
    tokens.set('shelter/supervisor', await network.signIn('shelter', 'supervisor', passwords.get('shelter/supervisor')!));
    const opened = await waitFor('the referral sealed to the old key at the rotated shelter', async () => {
      const res = await call('shelter', 'GET', `/referrals/${beforeAccept.referralId}`, 'supervisor');
      return res.status === 200 ? res.body : undefined;
    });
    expect(opened.person.name).toBe(beforeAccept.name);

    // An admin accepts the fingerprint (a wrong one changes nothing); new referrals are sealed to the new key.
    const wrong = await call('intake', 'POST', `/agency-keys/${agencyOf('shelter')}/accept`, 'admin', {
      fingerprint: pinnedBefore.fingerprint,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.messages).toEqual({ id: expect.stringContaining('Sidik jari'), en: expect.stringContaining('fingerprint') });
    expect(
      (await call('intake', 'POST', `/agency-keys/${agencyOf('shelter')}/accept`, 'worker', { fingerprint: waiting.fingerprint })).status,
    ).toBe(403);
    const accepted = await call('intake', 'POST', `/agency-keys/${agencyOf('shelter')}/accept`, 'admin', {
      fingerprint: waiting.fingerprint,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.message.id).toContain('kini berlaku');
    expect(await pinOf(agencyOf('shelter'))).toMatchObject({ fingerprint: waiting.fingerprint });
    const afterAccept = await refer();
    expect(afterAccept.kid).toBe(keyFingerprint(rotated.x25519));
    const openedNew = await waitFor('the referral sealed to the new key at the shelter', async () => {
      const res = await call('shelter', 'GET', `/referrals/${afterAccept.referralId}`, 'supervisor');
      return res.status === 200 ? res.body : undefined;
    });
    expect(openedNew.person.name).toBe(afterAccept.name);
  });

  it('leaves none of a victim’s identifying data in the bus’s store files, the sender’s outbox or any node but her receiver', async () => {
    const names = [...network.nodes.keys()];
    const dumps = new Map<string, string>();
    for (const name of names) {
      const { stdout } = await execFileAsync('pg_dump', ['--data-only', '--no-owner', databaseUrl(network.nodes.get(name)!.database)], {
        maxBuffer: 512 * 1024 * 1024,
      });
      dumps.set(name, stdout);
    }
    // The dumps are real: each receiver holds what it opened, stored encrypted with her data key (docs/security.md,
    // "Victims' data at rest"; test/network/data-at-rest.e2e-spec.ts reads them back), and her wrapped key.
    for (const [receiver] of victims) {
      expect(dumps.get(receiver)).toMatch(/COPY key_store\.data_key [^\n]*\n[0-9a-f-]{36}\taead1:/);
      expect(dumps.get(receiver)).toContain('aead1:');
    }

    const outbox = (await query<{ envelope: unknown }>(network.nodes.get('intake')!.database, 'SELECT envelope FROM messaging_outbox'))
      .map((r) => JSON.stringify(r.envelope))
      .join('\n');
    expect(outbox).toContain('"encrypted"');

    // Stop everything so the server writes its store out, then read its files as the bus operator could.
    await network.stop();
    await nats.stop();
    const files = filesUnder(nats.storeDir);
    expect(files.some((f) => f.endsWith('.blk'))).toBe(true);
    const store = files.map((f) => readFileSync(f).toString('latin1')).join('\n');
    const blocks = files.filter((f) => f.endsWith('.blk')).reduce((n, f) => n + statSync(f).size, 0);
    expect(blocks).toBeGreaterThan(10000);
    // The files hold the events (their subjects are in clear): a scan of them can find what is there.
    expect(store).toContain('.referral.requested.v1.');
    expect(store).toContain('.case.handover-requested.v1.');

    const found: string[] = [];
    for (const [receiver, v] of victims) {
      for (const secret of secretsOf(v)) {
        for (const form of encodings(secret)) {
          if (store.includes(form)) found.push(`bus store: ${receiver}'s victim (${form})`);
          if (outbox.includes(form)) found.push(`intake outbox: ${receiver}'s victim (${form})`);
          for (const [name, dump] of dumps) {
            if (name === 'intake' || name === receiver) continue;
            if (dump.includes(form)) found.push(`${name} database: ${receiver}'s victim (${form})`);
          }
        }
      }
    }
    for (const { writer, receiver, text } of notes) {
      for (const form of encodings(text)) {
        if (store.includes(form)) found.push(`bus store: ${writer}'s note (${form})`);
        for (const [name, dump] of dumps) {
          if (name === receiver || name === writer) continue;
          if (dump.includes(form)) found.push(`${name} database: ${writer}'s note (${form})`);
        }
      }
    }
    // Notes are held encrypted by their receivers too: in plain nowhere at all.
    for (const { text } of notes)
      for (const [name, dump] of dumps) if (dump.includes(text)) found.push(`${name} database: a note in plain`);
    for (const v of crafted) {
      for (const secret of [v.name, v.safetyNotes, v.requestNotes]) {
        for (const form of encodings(secret)) if (store.includes(form)) found.push(`bus store: a crafted referral (${form})`);
      }
    }
    expect(found).toEqual([]);
  });
});
