import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { buildSubject, SPEC_VERSION } from '@rujukan/contracts';
import { loadRegistry, newRegistryKey, registryContent, signRegistry } from '@rujukan/messaging';
import type { Network } from '../../scripts/network/start-network.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { SHARED_NATS } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

const REPORTING_TABLES = ['case_fact', 'victim_fact', 'perpetrator_fact', 'referral_fact', 'service_fact', 'triage_fact', 'victim_consent'];

/**
 * Senders checked by role from the agency registry, before any handler: an
 * agency whose role may not send an event has it dead-lettered with the
 * reason, whatever its envelope says, and nothing changes. The nodes take
 * the roles from a registry signed by a PPA office key, as npm start runs them.
 */
describe('senders checked by role', () => {
  let network: Network;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let token: string;

  const node = (name: string) => network.nodes.get(name)!;
  const agency = (name: string) => node(name).agency;

  /** Publishes an event as `from` would (its own subject and envelope), straight to the stream. */
  async function publishAs(from: string, to: string, type: string, payload: object, extra: Record<string, unknown> = {}): Promise<string> {
    const [area, event] = type.split('.');
    const id = randomUUID();
    const toAgency = to === 'all' ? 'all' : agency(to);
    const body = {
      specversion: SPEC_VERSION,
      id,
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: { agency: agency(from), node: node(from).role },
      to: toAgency,
      caseId: randomUUID(),
      victimId: randomUUID(),
      correlationId: randomUUID(),
      payload,
      ...extra,
    };
    const subject = buildSubject(network.registry.network.prefix, { area, event, version: 1, from: agency(from), to: toAgency });
    await jsm.jetstream().publish(subject, JSON.stringify(body));
    return id;
  }

  const deadLetter = (at: string, eventId: string) =>
    waitFor(`dead letter at ${at}`, async () => {
      const rows = await query<{ reason: string }>(node(at).database, 'SELECT reason FROM messaging_dead_letter WHERE event_id = $1', [
        eventId,
      ]);
      return rows[0];
    });

  async function reportingCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of REPORTING_TABLES) {
      counts[table] = Number((await query<{ n: string }>(node('reporting').database, `SELECT count(*) AS n FROM ${table}`))[0].n);
    }
    return counts;
  }

  const actor = { staffId: 'staff-1', role: 'case-worker' };
  const person = { name: 'Korban', sex: 'female', ageYears: 30, safetyNotes: 'none' };

  /** bus/agencies.json signed by a PPA office key of this run: the nodes' AGENCY_REGISTRY and AGENCY_REGISTRY_KEY. */
  function signedRegistryEnv(): Record<string, string> {
    const dir = mkdtempSync(join(tmpdir(), 'rujukan-senders-'));
    const office = newRegistryKey();
    const signed = signRegistry(registryContent(loadRegistry('bus/agencies.json').agencies, 1), office.privatePem);
    writeFileSync(join(dir, 'registry.signed.json'), JSON.stringify(signed));
    writeFileSync(join(dir, 'ppa-office.pub.pem'), office.publicPem);
    return { AGENCY_REGISTRY: join(dir, 'registry.signed.json'), AGENCY_REGISTRY_KEY: join(dir, 'ppa-office.pub.pem') };
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'senders',
      statisticsKey: randomBytes(32).toString('hex'),
      env: signedRegistryEnv(),
      roles: ['intake', 'shelter', 'health', 'reporting'],
    });
    nc = await connect({ servers: SHARED_NATS });
    jsm = await jetstreamManager(nc);
    token = (await signInStaff(network, [{ username: 'worker', role: 'case-worker' }])).get('intake/worker')!.token;
  });

  async function callIntake(method: string, path: string, body?: unknown) {
    const res = await fetch(`${node('intake').url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  afterAll(async () => {
    await nc?.close();
    await removeSevenNodes(network);
  });

  it('dead-letters a referral.requested from a shelter, with its reason', async () => {
    const before = await reportingCounts();
    const referralId = randomUUID();
    const id = await publishAs('shelter', 'health', 'referral.requested', { referralId, service: 'health', person, actor });
    expect((await deadLetter('health', id)).reason).toBe(
      `sender not allowed: ${agency('shelter')} (role shelter) may not send referral.requested: only intake agencies may`,
    );
    expect(await query(node('health').database, 'SELECT 1 FROM incoming_referral WHERE referral_id = $1', [referralId])).toHaveLength(0);
    expect(await reportingCounts()).toEqual(before);
  });

  it('dead-letters a case.registered from a health agency at reporting, and reporting’s tables do not move', async () => {
    const before = await reportingCounts();
    const id = await publishAs('health', 'all', 'case.registered', {
      kind: 'violence-against-women',
      channel: 'walk-in',
      month: '2026-11',
      district: 'Kota Tanjungpinang',
      violenceTypes: ['physical'],
      place: 'household',
      victims: [{ victimId: randomUUID(), sex: 'female', ageBand: '25-44', child: false, district: 'Kota Tanjungpinang' }],
    });
    expect((await deadLetter('reporting', id)).reason).toBe(
      `sender not allowed: ${agency('health')} (role health) may not send case.registered: only intake agencies may`,
    );
    expect(await reportingCounts()).toEqual(before);
  });

  it('dead-letters a hand-over from a shelter at intake', async () => {
    const handoverId = randomUUID();
    const id = await publishAs('shelter', 'intake', 'case.handover-requested', { handoverId, reason: 'moved' });
    expect((await deadLetter('intake', id)).reason).toBe(
      `sender not allowed: ${agency('shelter')} (role shelter) may not send case.handover-requested: only intake agencies may`,
    );
  });

  it('dead-letters a visum request from intake at the health agency', async () => {
    const id = await publishAs('intake', 'health', 'visum.requested', {
      requestId: randomUUID(),
      kind: 'physical',
      letterNumber: 'B/1/XI/2026',
      requestedOn: '2026-11-30',
      actor,
    });
    expect((await deadLetter('health', id)).reason).toBe(
      `sender not allowed: ${agency('intake')} (role intake) may not send visum.requested: only legal-aid agencies may`,
    );
  });

  it('dead-letters an event from an agency that is not in the registry', async () => {
    const id = randomUUID();
    const subject = buildSubject(network.registry.network.prefix, {
      area: 'referral',
      event: 'requested',
      version: 1,
      from: 'nobody',
      to: agency('shelter'),
    });
    const body = {
      specversion: SPEC_VERSION,
      id,
      type: 'referral.requested',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: { agency: 'nobody', node: 'intake' },
      to: agency('shelter'),
      caseId: randomUUID(),
      victimId: randomUUID(),
      correlationId: randomUUID(),
      payload: { referralId: randomUUID(), service: 'shelter', person, actor },
    };
    await jsm.jetstream().publish(subject, JSON.stringify(body));
    expect((await deadLetter('shelter', id)).reason).toBe('sender nobody is not in the agency registry');
  });

  it('dead-letters an event whose envelope claims another role than the registry gives its sender', async () => {
    const id = await publishAs(
      'shelter',
      'health',
      'referral.requested',
      { referralId: randomUUID(), service: 'health', person, actor },
      {
        source: { agency: agency('shelter'), node: 'intake' },
      },
    );
    expect((await deadLetter('health', id)).reason).toBe(`sender ${agency('shelter')} is a shelter agency, not intake`);
  });

  it('at intake, an answer counts only from the agency the referral was sent to', async () => {
    const registered = await callIntake('POST', '/cases', {
      channel: 'walk-in',
      kind: 'violence-against-women',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['physical'], place: 'household' },
      victims: [
        { name: 'Korban', sex: 'female', ageYears: 30, district: 'Kota Tanjungpinang', consent: { services: true, statistics: false } },
      ],
    });
    expect(registered.status).toBe(201);
    const referred = await callIntake('POST', `/cases/${registered.body.id}/referrals`, {
      victimId: registered.body.victims[0].id,
      service: 'shelter',
      agencyId: agency('shelter'),
    });
    expect(referred.status).toBe(201);
    const referralId = referred.body.id as string;
    const id = await publishAs('health', 'intake', 'referral.accepted', { referralId, actor });
    expect((await deadLetter('intake', id)).reason).toBe('rejected: only the addressed agency may change a referral');
    const [row] = await query<{ state: string }>(node('intake').database, 'SELECT state FROM referral WHERE id = $1', [referralId]);
    expect(row.state).toBe('requested');
  });

  it('a re-sent referral naming another person changes nothing at the service node', async () => {
    const referralId = randomUUID();
    const caseId = randomUUID();
    const victimId = randomUUID();
    const first = await publishAs(
      'intake',
      'shelter',
      'referral.requested',
      { referralId, service: 'shelter', person, actor },
      { caseId, victimId },
    );
    const stored = await waitFor('referral at the shelter', async () => {
      const rows = await query<{ person: object; from_agency: string }>(
        node('shelter').database,
        'SELECT person, from_agency FROM incoming_referral WHERE referral_id = $1',
        [referralId],
      );
      return rows[0];
    });
    const copy = await publishAs(
      'intake',
      'shelter',
      'referral.requested',
      { referralId, service: 'shelter', person: { ...person, name: 'Orang Lain' }, actor },
      { caseId, victimId },
    );
    expect((await deadLetter('shelter', copy)).reason).toBe(
      `rejected: referral ${referralId} is already here: a re-sent referral cannot change its case, victim, service or person`,
    );
    const after = await query<{ person: object; from_agency: string }>(
      node('shelter').database,
      'SELECT person, from_agency FROM incoming_referral WHERE referral_id = $1',
      [referralId],
    );
    expect(after).toEqual([stored]);
    expect(first).not.toBe(copy);
  });
});
