import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DataKeyDestroyed, DataKeys, KEY_STORE_SCHEMA, NodeKeys } from '@rujukan/messaging';
import { nodeKeyFile, type Network } from '../../scripts/network/start-network.js';
import { createTestDatabase, databaseUrl, dropTestDatabase, query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';
import { encodings } from '../support/encodings.js';

const run = promisify(execFile);
const NODES = ['intake', 'shelter', 'health', 'legal-aid'] as const;

function person(label: string) {
  const tag = randomBytes(5).toString('hex');
  const birthDate = `19${randomInt(70, 99)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`;
  return {
    name: `${label} ${tag}`,
    idNumber: testNik('female', birthDate),
    birthDate,
    address: `Jalan Dahlia ${tag} No. 9`,
    safetyNotes: `Pelaku ${tag} tinggal di gang sebelah`,
    requestNotes: `Perlu pendampingan ${tag}`,
  };
}
type Person = ReturnType<typeof person>;

/**
 * Erasure on request (design.md section 9; docs/security.md, "Erasure"):
 * intake's supervisor asks; intake erases at once, the shelter and legal aid
 * (her referrals) erase and answer, legal aid forwards to the health agency it
 * asked for her visum, which erases and answers intake too. A police node with
 * a legal hold answers `retained` with its reason. Afterwards no dump holds her,
 * an old dump cannot be opened for her once the key store's backups of before
 * are gone, duplicate matching no longer finds her, and reporting's figures
 * have not moved. Five nodes on the shared bus and PostgreSQL.
 */
describe('a victim erased on request everywhere her data went', () => {
  let network: Network;
  const tokens = new Map<string, string>();
  const her = person('Korban Dihapus');
  const held = person('Korban Ditahan');
  const databases: string[] = [];

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

  async function register(p: Person): Promise<{ caseId: string; victimId: string }> {
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'walk-in',
      kind: 'violence-against-women',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['physical'], place: 'household' },
      victims: [
        {
          name: p.name,
          sex: 'female',
          birthDate: p.birthDate,
          district: 'Kota Tanjungpinang',
          address: p.address,
          idNumber: p.idNumber,
          safetyNotes: p.safetyNotes,
          consent: { services: true, statistics: true },
        },
      ],
    });
    expect(res.status).toBe(201);
    return { caseId: res.body.id, victimId: res.body.victims[0].id };
  }

  async function refer(p: Person, v: { caseId: string; victimId: string }, service: string, receiver: string): Promise<string> {
    const referred = await call('intake', 'POST', `/cases/${v.caseId}/referrals`, 'worker', {
      victimId: v.victimId,
      service,
      agencyId: node(receiver).agency,
      requestNotes: p.requestNotes,
    });
    expect(referred.status).toBe(201);
    await waitFor(`the ${service} referral at ${receiver}`, async () => {
      const res = await call(receiver, 'GET', `/referrals/${referred.body.id}`, 'supervisor');
      return res.status === 200 ? res.body : undefined;
    });
    return referred.body.id as string;
  }

  const dump = async (name: string, ...args: string[]) =>
    (await run('pg_dump', ['--no-owner', '--no-privileges', ...args, databaseUrl(node(name).database)], { maxBuffer: 256 << 20 })).stdout;

  async function figures(): Promise<string> {
    const rows = await query<{ cases: string; victims: string; referrals: string }>(
      node('reporting').database,
      `SELECT (SELECT count(*) FROM case_fact) cases, (SELECT count(*) FROM victim_fact) victims, (SELECT count(*) FROM referral_fact) referrals`,
    );
    return JSON.stringify(rows[0]);
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'erasure',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: [...NODES, 'reporting'],
    });
    const staff = await signInStaff(
      network,
      [
        { username: 'worker', role: 'case-worker' },
        { username: 'supervisor', role: 'supervisor' },
      ],
      [{ username: 'analyst', role: 'analyst' }],
    );
    for (const [key, account] of staff) tokens.set(key, account.token);
  }, 180_000);

  afterAll(async () => {
    await removeSevenNodes(network);
    for (const name of databases) await dropTestDatabase(name);
  });

  it('reaches intake, the shelter, legal aid and (through its visum request) health; each erases and confirms; nothing of her is left', async () => {
    const v = await register(her);
    await refer(her, v, 'shelter', 'shelter');
    const police = await refer(her, v, 'law-enforcement', 'legal-aid');
    expect((await call('legal-aid', 'POST', `/referrals/${police}/accept`, 'worker')).status).toBe(200);
    // A note of legal aid's own, sealed with the referral's key.
    const accompanimentNote = `Didampingi pamannya ${randomBytes(4).toString('hex')} saat BAP`;
    const accompanied = await call('legal-aid', 'POST', `/referrals/${police}/accompaniments`, 'worker', {
      accompaniedOn: new Date().toISOString().slice(0, 10),
      kind: 'police-examination',
      notes: accompanimentNote,
    });
    expect(accompanied.status).toBe(201);
    const referralKey = () => query(node('legal-aid').database, 'SELECT 1 FROM key_store.data_key WHERE subject_id = $1', [police]);
    expect((await referralKey()).length).toBe(1);
    const visum = await call('legal-aid', 'POST', `/referrals/${police}/visum-requests`, 'worker', {
      healthAgencyId: node('health').agency,
      kind: 'physical',
      letterNumber: `B/${randomInt(10, 99)}/III/2026/Reskrim`,
      requestedOn: new Date().toISOString().slice(0, 10),
    });
    expect(visum.status).toBe(201);
    await waitFor('the visum request at health', async () => {
      const rows = await query(node('health').database, 'SELECT 1 FROM visum_request WHERE victim_id = $1', [v.victimId]);
      return rows.length > 0;
    });
    // Her re-report is found through the blind indexes while she is there.
    const reReport = await register(her);
    const seen = await call('intake', 'GET', `/cases/${reReport.caseId}`, 'worker');
    expect(seen.body.victims[0].sameAs).toEqual([expect.objectContaining({ victimId: v.victimId, basis: 'nik' })]);

    // The backups as docs/security.md has them: each database without its key store, and the key store apart.
    const oldDumps = new Map<string, string>();
    for (const name of NODES) oldDumps.set(name, await dump(name, `--exclude-schema=${KEY_STORE_SCHEMA}`));
    await waitFor('reporting has counted everything sent so far', async () => {
      const [row] = await query<{ v: string; r: string }>(
        node('reporting').database,
        'SELECT (SELECT count(*) FROM case_fact) v, (SELECT count(*) FROM referral_fact) r',
      );
      return Number(row.v) >= 2;
    });
    const before = await figures();

    // A case worker may not ask; a supervisor may.
    expect((await call('intake', 'POST', `/victims/${v.victimId}/erasure`, 'worker')).status).toBe(403);
    const asked = await call('intake', 'POST', `/victims/${v.victimId}/erasure`, 'supervisor');
    expect(asked.status).toBe(202);
    expect(asked.body.agencies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agencyId: node('intake').agency, state: 'erased' }),
        expect.objectContaining({ agencyId: node('shelter').agency, state: 'waiting' }),
        expect.objectContaining({ agencyId: node('legal-aid').agency, state: 'waiting' }),
      ]),
    );
    expect((await call('intake', 'POST', `/victims/${v.victimId}/erasure`, 'supervisor')).status).toBe(409);
    const done = await waitFor('every agency confirmed her erasure', async () => {
      const res = await call('intake', 'GET', `/victims/${v.victimId}/erasure`, 'supervisor');
      const agencies = res.body.agencies as Array<{ agencyId: string; state: string }>;
      return agencies.length === 4 && agencies.every((a) => a.state === 'erased') ? agencies : undefined;
    });
    expect(done).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agencyId: node('health').agency, state: 'erased', forwardedBy: node('legal-aid').agency }),
      ]),
    );

    // Nothing of her in a fresh dump of any node, in any form; her data key is gone from every key store.
    const secrets = [...Object.values(her), accompanimentNote];
    expect((await referralKey()).length).toBe(0);
    for (const name of NODES) {
      const text = await dump(name);
      const found = secrets.filter((s) => encodings(s).some((form) => text.includes(form)));
      expect(`${name}: ${found.join(', ')}`).toBe(`${name}: `);
      const keys = await query(node(name).database, 'SELECT 1 FROM key_store.data_key WHERE subject_id = $1', [v.victimId]);
      expect(`${name}: ${keys.length}`).toBe(`${name}: 0`);
    }
    const [shelterRows] = await query<{ n: string }>(
      node('shelter').database,
      'SELECT count(*) n FROM incoming_referral WHERE victim_id = $1',
      [v.victimId],
    );
    expect(shelterRows.n).toBe('0');
    const [healthRows] = await query<{ n: string }>(node('health').database, 'SELECT count(*) n FROM visum_request WHERE victim_id = $1', [
      v.victimId,
    ]);
    expect(healthRows.n).toBe('0');

    // The key store's backup window has passed: the database dump of before, restored with the key store as it is now,
    // holds her intake row sealed and cannot open it; another victim of that dump still opens.
    databases.push(await createTestDatabase('erasure_restored'));
    await new Promise<void>((resolve, reject) => {
      const child = execFile('psql', ['-q', '-v', 'ON_ERROR_STOP=1', databaseUrl(databases[0])], (error) =>
        error ? reject(new Error(error.message)) : resolve(),
      );
      child.stdin!.end(oldDumps.get('intake')!);
    });
    const keyStoreNow = await dump('intake', `--schema=${KEY_STORE_SCHEMA}`);
    await new Promise<void>((resolve, reject) => {
      const child = execFile('psql', ['-q', '-v', 'ON_ERROR_STOP=1', databaseUrl(databases[0])], (error) =>
        error ? reject(new Error(error.message)) : resolve(),
      );
      child.stdin!.end(keyStoreNow);
    });
    const restored = new DataSource({ type: 'postgres', url: databaseUrl(databases[0]) });
    await restored.initialize();
    try {
      const keys = new DataKeys(NodeKeys.loadOrCreate(nodeKeyFile(network.options, 'intake')).masterKey);
      const open = async (id: string) => {
        const [row]: Array<{ name: string }> = await restored.query('SELECT name FROM victim WHERE id = $1', [id]);
        return (await keys.forReading(restored.manager, id)).open('Victim.name', row.name);
      };
      await expect(open(v.victimId)).rejects.toThrow(DataKeyDestroyed);
      expect(await open(reReport.victimId)).toBe(her.name);
    } finally {
      await restored.destroy();
    }

    // Her new report (registered before the erasure) matches nothing of her any more; reporting has not moved.
    const later = await register({ ...her, name: `${her.name} ` });
    expect((await call('intake', 'GET', `/cases/${later.caseId}`, 'worker')).body.victims[0].sameAs).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ victimId: v.victimId })]),
    );
    const was = JSON.parse(before) as Record<string, string>;
    const after = await waitFor('reporting counted the later report', async () => {
      const now = JSON.parse(await figures()) as Record<string, string>;
      return Number(now.cases) === Number(was.cases) + 1 ? now : undefined;
    });
    // The later report adds its case; she is the same person (counted once, under her earlier report's pseudonym), and nothing
    // she was counted under went.
    expect(after).toEqual({ cases: String(Number(was.cases) + 1), victims: was.victims, referrals: was.referrals });
  });

  it('a police node with a legal hold keeps her and answers retained with its reason, which intake shows', async () => {
    const v = await register(held);
    const police = await refer(held, v, 'law-enforcement', 'legal-aid');
    const reason = `Berkas perkara LP/B/${randomInt(100, 999)} dalam penyidikan`;
    expect((await call('legal-aid', 'POST', `/referrals/${police}/legal-hold`, 'worker', { reason })).status).toBe(403);
    expect((await call('legal-aid', 'POST', `/referrals/${police}/legal-hold`, 'supervisor', { reason: '' })).status).toBe(400);
    expect((await call('legal-aid', 'POST', `/referrals/${police}/legal-hold`, 'supervisor', { reason })).status).toBe(200);
    expect((await call('intake', 'POST', `/victims/${v.victimId}/erasure`, 'supervisor')).status).toBe(202);
    const answered = await waitFor('legal aid answered', async () => {
      const res = await call('intake', 'GET', `/victims/${v.victimId}/erasure`, 'supervisor');
      const police = (res.body.agencies as Array<{ agencyId: string; state: string }>).find((a) => a.agencyId === node('legal-aid').agency);
      return police?.state !== 'waiting' ? police : undefined;
    });
    expect(answered).toMatchObject({ state: 'retained', legalHold: reason });
    // Kept there, readable by its staff; erased at intake.
    expect((await call('legal-aid', 'GET', `/referrals/${police}`, 'supervisor')).body.person.name).toBe(held.name);
    const [atIntake] = await query<{ name: string }>(node('intake').database, 'SELECT name FROM victim WHERE id = $1', [v.victimId]);
    expect(atIntake.name).toBe('');
  });
});
