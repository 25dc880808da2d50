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
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
  new Date(),
);
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

  it('seals the service nodes’ own records about her with her referral’s key, and reads them back in clear', async () => {
    // A room that fits her, so the shelter keeps her referral and admits her.
    const facility = await call('shelter', 'POST', '/facilities', 'supervisor', {
      name: `Rumah Aman ${tag}`,
      kind: 'safe-house',
      district: 'Kota Tanjungpinang',
    });
    expect(facility.status).toBe(201);
    const room = await call('shelter', 'POST', `/facilities/${facility.body.id}/rooms`, 'supervisor', {
      name: 'Kamar Dewasa',
      sex: 'female',
      ageGroup: 'adult',
      beds: 2,
    });
    expect(room.status).toBe(201);

    const v = await register();
    const referralIds = new Map<string, string>();
    for (const [service, receiver] of SERVICES) {
      const referred = await call('intake', 'POST', `/cases/${v.caseId}/referrals`, 'worker', {
        victimId: v.victimId,
        service,
        agencyId: node(receiver).agency,
      });
      expect(referred.status).toBe(201);
      referralIds.set(receiver, referred.body.id);
      await waitFor(
        `the ${service} referral at ${receiver}`,
        async () => (await call(receiver, 'GET', `/referrals/${referred.body.id}`, 'supervisor')).status === 200,
      );
    }
    const records = {
      safetyPlan: `Kakaknya ${tag} boleh menjenguk; suami dilarang`,
      findings: `Memar di lengan kiri ${tag}`,
      reportNumber: `LP/B/${tag}/XII/2026/SPKT`,
      accompaniment: `Didampingi ibunya ${tag} saat BAP`,
      dischargeNote: `Pulang ke rumah kakaknya ${tag}`,
    };

    const shelter = referralIds.get('shelter')!;
    const admitted = await call('shelter', 'POST', `/referrals/${shelter}/admit`, 'worker', { safetyPlan: records.safetyPlan });
    expect(admitted.status).toBe(201);
    expect(admitted.body.safetyPlan).toBe(records.safetyPlan);

    const health = referralIds.get('health')!;
    expect((await call('health', 'POST', `/referrals/${health}/accept`, 'worker')).status).toBe(200);
    const exam = await call('health', 'POST', `/referrals/${health}/examinations`, 'worker', {
      examinedOn: TODAY,
      kind: 'injury',
      findings: records.findings,
    });
    expect(exam.status).toBe(201);
    expect(exam.body.notes).toBe(records.findings);

    const police = referralIds.get('legal-aid')!;
    expect((await call('legal-aid', 'POST', `/referrals/${police}/accept`, 'worker')).status).toBe(200);
    const report = await call('legal-aid', 'POST', `/referrals/${police}/police-report`, 'worker', {
      reportNumber: records.reportNumber,
      reportedOn: TODAY,
    });
    expect(report.status).toBe(200);
    const accompanied = await call('legal-aid', 'POST', `/referrals/${police}/accompaniments`, 'worker', {
      accompaniedOn: TODAY,
      kind: 'police-examination',
      notes: records.accompaniment,
    });
    expect(accompanied.status).toBe(201);
    expect(accompanied.body.notes).toBe(records.accompaniment);

    // Read back in clear through each node's API.
    const residents = (await call('shelter', 'GET', '/admissions', 'worker')).body as Array<{ referralId: string; safetyPlan: string }>;
    expect(residents.find((a) => a.referralId === shelter)?.safetyPlan).toBe(records.safetyPlan);
    const discharged = await call('shelter', 'POST', `/admissions/${admitted.body.id}/discharge`, 'worker', {
      destination: 'family',
      note: records.dischargeNote,
    });
    expect(discharged.status).toBe(200);
    const care = (await call('health', 'GET', `/referrals/${health}/health-records`, 'worker')).body as Array<{ notes: string }>;
    expect(care.map((r) => r.notes)).toEqual([records.findings]);
    const legalCase = (await call('legal-aid', 'GET', `/referrals/${police}/legal-case`, 'worker')).body;
    expect(legalCase.policeReportNumber).toBe(records.reportNumber);
    expect(legalCase.accompaniments.map((a: { notes: string }) => a.notes)).toEqual([records.accompaniment]);

    // Each record sealed with its referral's own key; no dump holds any of it in any form.
    const stored: Array<[string, string, string]> = [
      ['shelter', 'SELECT safety_plan v FROM admission WHERE referral_id = $1', shelter],
      ['health', 'SELECT notes v FROM health_record WHERE referral_id = $1', health],
      ['legal-aid', 'SELECT police_report_number v FROM legal_case WHERE referral_id = $1', police],
      ['legal-aid', 'SELECT notes v FROM accompaniment WHERE referral_id = $1', police],
    ];
    for (const [name, sql, referralId] of stored) {
      const [row] = await query<{ v: string }>(node(name).database, sql, [referralId]);
      expect(`${name}: ${row.v.startsWith('aead1:')}`).toBe(`${name}: true`);
      const [keys] = await query<{ n: string }>(node(name).database, 'SELECT count(*) n FROM key_store.data_key WHERE subject_id = $1', [
        referralId,
      ]);
      expect(`${name}: ${keys.n}`).toBe(`${name}: 1`);
    }
    for (const name of ['shelter', 'health', 'legal-aid']) {
      const text = await dump(name);
      const found = Object.values(records).flatMap((s) =>
        encodings(s)
          .filter((form) => text.includes(form))
          .map(() => s),
      );
      expect(`${name}: ${found.join(', ')}`).toBe(`${name}: `);
    }

    // A safety plan an older shelter stored in plain is sealed at its next start, and reads as before.
    await query(node('shelter').database, 'UPDATE admission SET safety_plan = $2 WHERE referral_id = $1', [shelter, records.safetyPlan]);
    await network.stopNode('shelter');
    await network.startNode('shelter');
    const [resealed] = await query<{ v: string }>(node('shelter').database, 'SELECT safety_plan v FROM admission WHERE referral_id = $1', [
      shelter,
    ]);
    expect(resealed.v.startsWith('aead1:')).toBe(true);
    const again = (await call('shelter', 'GET', '/admissions', 'worker')).body as Array<{ referralId: string; safetyPlan: string }>;
    expect(again.find((a) => a.referralId === shelter)?.safetyPlan).toBe(records.safetyPlan);
  });
});
