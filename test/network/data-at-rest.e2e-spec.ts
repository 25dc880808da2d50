import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { databaseUrl, query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';
import { encodings } from '../support/encodings.js';

const run = promisify(execFile);
const NODES = ['intake', 'shelter', 'health', 'legal-aid'] as const;
const SERVICES = [
  ['shelter', 'shelter'],
  ['health', 'health'],
  ['law-enforcement', 'legal-aid'],
] as const;

/**
 * Victims' data at rest (design.md section 9, docs/security.md): at intake
 * and at each service node that holds her, her identifying columns are sealed
 * with her own data key; a pg_dump of any of them holds none of her fields in
 * any form, while staff read them as before and duplicate matching still finds
 * her re-report. Four nodes on the shared bus and PostgreSQL.
 */
describe('a victim’s identifying data encrypted with her own key at every node that holds her', () => {
  let network: Network;
  const tokens = new Map<string, string>();
  const tag = randomBytes(5).toString('hex');
  const birthDate = `19${randomInt(70, 99)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`;
  const her = {
    name: `Korban Tersimpan ${tag}`,
    idNumber: testNik('female', birthDate),
    birthDate,
    address: `Jalan Kenanga ${tag} No. 3`,
    safetyNotes: `Suaminya ${tag} mengancam di pasar`,
    requestNotes: `Perlu kamar aman ${tag}`,
  };

  const node = (name: string) => network.nodes.get(name)!;
  async function call(name: string, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${node(name).url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${name}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function register(): Promise<{ caseId: string; victimId: string }> {
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'walk-in',
      kind: 'violence-against-women',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['physical'], place: 'household' },
      victims: [
        {
          name: her.name,
          sex: 'female',
          birthDate: her.birthDate,
          district: 'Kota Tanjungpinang',
          address: her.address,
          idNumber: her.idNumber,
          safetyNotes: her.safetyNotes,
          consent: { services: true, statistics: true },
        },
      ],
    });
    expect(res.status).toBe(201);
    return { caseId: res.body.id, victimId: res.body.victims[0].id };
  }

  const dump = async (name: string) =>
    (await run('pg_dump', ['--no-owner', databaseUrl(node(name).database)], { maxBuffer: 256 << 20 })).stdout;

  beforeAll(async () => {
    network = await startSevenNodes({ label: 'at_rest', statisticsKey: randomBytes(32).toString('hex'), roles: [...NODES] });
    const staff = await signInStaff(network, [
      { username: 'worker', role: 'case-worker' },
      { username: 'supervisor', role: 'supervisor' },
    ]);
    for (const [key, account] of staff) tokens.set(key, account.token);
  }, 180_000);

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  let firstVictimId: string;
  let shelterReferralId: string;

  it('stores her sealed at intake and at each receiver, reads her in clear, and finds her re-report by blind index', async () => {
    const first = await register();
    const view = await call('intake', 'GET', `/cases/${first.caseId}`, 'worker');
    expect(view.body.victims[0]).toMatchObject({ name: her.name, birthDate: her.birthDate, idNumber: her.idNumber, address: her.address });

    const referralIds = new Map<string, string>();
    for (const [service, receiver] of SERVICES) {
      const referred = await call('intake', 'POST', `/cases/${first.caseId}/referrals`, 'worker', {
        victimId: first.victimId,
        service,
        agencyId: node(receiver).agency,
        requestNotes: her.requestNotes,
      });
      expect(referred.status).toBe(201);
      referralIds.set(receiver, referred.body.id);
      const incoming = await waitFor(`the ${service} referral at ${receiver}`, async () => {
        const res = await call(receiver, 'GET', `/referrals/${referred.body.id}`, 'supervisor');
        return res.status === 200 ? res.body : undefined;
      });
      expect(incoming.person.name).toBe(her.name);
      expect(incoming.person.requestNotes).toBe(her.requestNotes);
    }
    firstVictimId = first.victimId;
    shelterReferralId = referralIds.get('shelter')!;
    const declineReason = `Penuh; dia di rumah bibinya ${tag}`;
    const declined = await call('shelter', 'POST', `/referrals/${referralIds.get('shelter')}/decline`, 'supervisor', {
      code: 'no-capacity',
      reason: declineReason,
    });
    expect(declined.status).toBe(200);
    expect((await call('shelter', 'GET', `/referrals/${referralIds.get('shelter')}`, 'supervisor')).body.declineReason).toBe(declineReason);

    // Her re-report: the NIK's blind index finds the sealed first report, whose fields the flagger opens with her key.
    const second = await register();
    const again = await call('intake', 'GET', `/cases/${second.caseId}`, 'worker');
    expect(again.body.victims[0].sameAs).toEqual([expect.objectContaining({ victimId: first.victimId, basis: 'nik' })]);

    // Each node holds her data keys, wrapped, and rows that say nothing in plain.
    const [victimRow] = await query<{ name: string; id_number: string; birth_date: string }>(
      node('intake').database,
      'SELECT name, id_number, birth_date FROM victim WHERE id = $1',
      [first.victimId],
    );
    expect([victimRow.name, victimRow.id_number, victimRow.birth_date].every((v) => v.startsWith('aead1:'))).toBe(true);
    for (const name of NODES) {
      const keys = await query<{ n: string }>(node(name).database, 'SELECT count(*) n FROM key_store.data_key WHERE subject_id = $1', [
        first.victimId,
      ]);
      expect(`${name}: ${keys[0].n}`).toBe(`${name}: 1`);
      const text = await dump(name);
      const secrets = [...Object.values(her), declineReason];
      const found = secrets.flatMap((s) =>
        encodings(s)
          .filter((form) => text.includes(form))
          .map(() => s),
      );
      expect(`${name}: ${found.join(', ')}`).toBe(`${name}: `);
    }
  });

  it('seals at the next start what a node stored in plain before (an upgraded node), and reads it as before', async () => {
    // As an older node left them: her name and NIK in plain at intake, the person as plain JSON at the shelter.
    await query(node('intake').database, 'UPDATE victim SET name = $2, id_number = $3 WHERE id = $1', [
      firstVictimId,
      her.name,
      her.idNumber,
    ]);
    await query(node('shelter').database, 'UPDATE incoming_referral SET person = $2::jsonb WHERE referral_id = $1', [
      shelterReferralId,
      JSON.stringify({ name: her.name, sex: 'female', ageYears: 40, safetyNotes: her.safetyNotes }),
    ]);
    for (const name of ['intake', 'shelter']) {
      await network.stopNode(name);
      await network.startNode(name);
    }
    const [victim] = await query<{ name: string; id_number: string }>(
      node('intake').database,
      'SELECT name, id_number FROM victim WHERE id = $1',
      [firstVictimId],
    );
    expect([victim.name.startsWith('aead1:'), victim.id_number.startsWith('aead1:')]).toEqual([true, true]);
    const [referral] = await query<{ person: unknown }>(
      node('shelter').database,
      'SELECT person FROM incoming_referral WHERE referral_id = $1',
      [shelterReferralId],
    );
    expect(typeof referral.person === 'string' && referral.person.startsWith('aead1:')).toBe(true);
    const atShelter = await call('shelter', 'GET', `/referrals/${shelterReferralId}`, 'supervisor');
    expect(atShelter.body.person).toMatchObject({ name: her.name, safetyNotes: her.safetyNotes });
    for (const name of ['intake', 'shelter']) {
      const text = await dump(name);
      expect(`${name}: ${[her.name, her.idNumber, her.safetyNotes].filter((s) => text.includes(s)).join(', ')}`).toBe(`${name}: `);
    }
  });
});
