import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { statisticsId } from '../../apps/intake/src/cases/statistics-pseudonym.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

const STATISTICS_KEY = randomBytes(32).toString('hex');
const SECOND_SHELTER = {
  id: 'rumah-aman-bintan',
  node: 'shelter',
  name: 'Rumah Aman Kabupaten Bintan',
  district: 'Kabupaten Bintan',
  contactHours: '24 jam',
};

interface Listed {
  id: string;
  district: string | null;
  capacity: { places: number; free: number; groups: Record<string, { places: number; free: number }> } | null;
  full: boolean;
  reachable: boolean;
  contactHours: string | null;
}

/**
 * The shelter's beds and the live directory of agencies: two shelters, intake
 * and reporting, each its own process, announcing every half second and shown
 * unreachable after 2.5 s of silence.
 */
describe('shelter capacity and the agency directory', () => {
  let network: Network;
  let registryDir: string;
  const tokens = new Map<string, string>();
  const first = () => network.nodes.get('shelter')!.agency;

  async function call(node: string, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${node}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  const shelters = async () => (await call('intake', 'GET', '/agencies?service=shelter', 'worker')).body as Listed[];
  const listed = async (id: string) => (await shelters()).find((a) => a.id === id);

  async function registerGirl(): Promise<{ caseId: string; victimId: string }> {
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'hotline',
      kind: 'violence-against-children',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['sexual'], place: 'household', perpetratorRelation: 'neighbour' },
      victims: [
        {
          name: `Anak ${randomBytes(3).toString('hex')}`,
          sex: 'female',
          ageYears: 13,
          district: 'Kota Tanjungpinang',
          consent: { services: true, statistics: true, givenAs: 'guardian' },
        },
      ],
    });
    expect(res.status).toBe(201);
    return { caseId: res.body.id, victimId: res.body.victims[0].id };
  }

  async function refer(girl: { caseId: string; victimId: string }, agencyId: string): Promise<string> {
    const res = await call('intake', 'POST', `/cases/${girl.caseId}/referrals`, 'worker', {
      victimId: girl.victimId,
      service: 'shelter',
      agencyId,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function referralAt(node: string, id: string) {
    return waitFor(`referral ${id} at ${node}`, async () => {
      const res = await call(node, 'GET', `/referrals/${id}`, 'supervisor');
      return res.status === 200 ? res.body : undefined;
    });
  }

  beforeAll(async () => {
    registryDir = mkdtempSync(join(tmpdir(), 'rujukan-registry-'));
    const registry = JSON.parse(readFileSync('bus/agencies.json', 'utf8'));
    registry.agencies.push(SECOND_SHELTER);
    const registryPath = join(registryDir, 'agencies.json');
    writeFileSync(registryPath, JSON.stringify(registry));
    network = await startSevenNodes({
      label: 'directory',
      statisticsKey: STATISTICS_KEY,
      registryPath,
      roles: ['intake', 'shelter', 'reporting'],
      env: { DIRECTORY_HEARTBEAT_MS: '500', DIRECTORY_STALE_MS: '2500' },
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
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    if (registryDir) rmSync(registryDir, { recursive: true, force: true });
  });

  it('lists the shelters with district and contact hours, reachable, capacity unknown until rooms are registered', async () => {
    const both = await waitFor('both shelters announced', async () => {
      const list = await shelters();
      return list.length === 2 && list.every((a) => a.reachable) ? list : undefined;
    });
    expect(both.find((a) => a.id === SECOND_SHELTER.id)).toMatchObject({
      district: 'Kabupaten Bintan',
      contactHours: '24 jam',
      capacity: null,
      full: false,
    });
    expect(
      (await call('intake', 'GET', '/agencies?service=shelter&district=kabupaten%20bintan', 'worker')).body.map((a: Listed) => a.id),
    ).toEqual([SECOND_SHELTER.id]);
    expect((await call('intake', 'GET', '/agencies?service=visum', 'worker')).status).toBe(400);
  });

  it('places a girl in a children’s room, shows the shelter full, declines the next referral for no capacity, and finds another shelter', async () => {
    // The first shelter: one bed for girls, two for women.
    const facility = await call('shelter', 'POST', '/facilities', 'supervisor', {
      name: 'Rumah Aman Tanjungpinang',
      kind: 'safe-house',
      district: 'Kota Tanjungpinang',
    });
    expect(facility.status).toBe(201);
    expect((await call('shelter', 'POST', '/facilities', 'worker', { name: 'X', kind: 'safe-house', district: 'Kota X' })).status).toBe(
      403,
    );
    const badRoom = await call('shelter', 'POST', `/facilities/${facility.body.id}/rooms`, 'supervisor', {
      name: 'A',
      sex: 'girl',
      ageGroup: 'teen',
      beds: 0,
    });
    expect(badRoom.status).toBe(400);
    expect(Object.keys(badRoom.body.fields).sort()).toEqual(['ageGroup', 'beds', 'sex']);
    const girlsRoom = (
      await call('shelter', 'POST', `/facilities/${facility.body.id}/rooms`, 'supervisor', {
        name: 'Kamar Anak Perempuan',
        sex: 'female',
        ageGroup: 'child',
        beds: 1,
      })
    ).body;
    const womensRoom = (
      await call('shelter', 'POST', `/facilities/${facility.body.id}/rooms`, 'supervisor', {
        name: 'Kamar Dewasa',
        sex: 'female',
        ageGroup: 'adult',
        beds: 2,
      })
    ).body;
    await waitFor('capacity in the directory', async () => (await listed(first()))?.capacity?.places === 3);

    const girl = await registerGirl();
    const referral = await refer(girl, first());
    await referralAt('shelter', referral);
    // Never with adults, even with free beds there; no safety plan, no admission.
    const withAdults = await call('shelter', 'POST', `/referrals/${referral}/admit`, 'worker', {
      safetyPlan: 'No visitors',
      roomId: womensRoom.id,
    });
    expect(withAdults.status).toBe(409);
    expect(withAdults.body.message).toContain('a child is never placed in a room with adults');
    expect((await call('shelter', 'POST', `/referrals/${referral}/admit`, 'worker', {})).status).toBe(400);
    const admitted = await call('shelter', 'POST', `/referrals/${referral}/admit`, 'worker', {
      safetyPlan: 'Neighbour may not visit; school run by staff',
    });
    expect(admitted.status).toBe(201);
    expect(admitted.body.roomId).toBe(girlsRoom.id);
    const full = await waitFor('the girls’ bed taken', async () => {
      const a = await listed(first());
      return a?.capacity?.free === 2 ? a : undefined;
    });
    expect(full.capacity!.groups).toEqual({ 'female-adult': { places: 2, free: 2 }, 'female-child': { places: 1, free: 0 } }); // full for girls

    // A second girl: no children's bed is free here, so the referral is declined as it arrives.
    const second = await registerGirl();
    const refused = await refer(second, first());
    const declined = await waitFor('the automatic decline at intake', async () => {
      const view = (await call('intake', 'GET', `/cases/${second.caseId}`, 'worker')).body;
      const r = view.referrals.find((x: { id: string }) => x.id === refused);
      return r?.state === 'declined' ? r : undefined;
    });
    expect(declined.outcomeNote).toBe('no capacity');
    expect((await call('intake', 'GET', '/referrals/declined', 'worker')).body.map((r: { id: string }) => r.id)).toContain(refused);

    // The other shelter, found in the directory, registers its children's room and takes her.
    const bintanFacility = (
      await call(SECOND_SHELTER.id, 'POST', '/facilities', 'supervisor', {
        name: 'Rumah Aman Bintan',
        kind: 'temporary-shelter',
        district: 'Kabupaten Bintan',
      })
    ).body;
    await call(SECOND_SHELTER.id, 'POST', `/facilities/${bintanFacility.id}/rooms`, 'supervisor', {
      name: 'Anak Perempuan',
      sex: 'female',
      ageGroup: 'child',
      beds: 4,
    });
    const choice = await waitFor('a shelter with free places', async () =>
      (await shelters()).find((a) => a.reachable && a.capacity && a.capacity.free > 0 && a.id !== first()),
    );
    expect(choice.id).toBe(SECOND_SHELTER.id);
    const retry = await refer(second, choice.id);
    await referralAt(SECOND_SHELTER.id, retry);
    const placed = await call(SECOND_SHELTER.id, 'POST', `/referrals/${retry}/admit`, 'worker', {
      safetyPlan: 'Mother visits with staff present',
    });
    expect(placed.status).toBe(201);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
    const occupancy = (await call(SECOND_SHELTER.id, 'GET', `/facilities/occupancy?date=${today}`, 'worker')).body;
    expect(occupancy.total).toEqual({ beds: 4, occupied: 1 });
    expect((await call(SECOND_SHELTER.id, 'GET', '/facilities/occupancy?date=23-11-2026', 'worker')).status).toBe(400);

    // Discharge frees the bed; reporting counted the stays under the girls' pseudonyms, no names.
    const discharged = await call('shelter', 'POST', `/admissions/${admitted.body.id}/discharge`, 'worker', {
      destination: 'family',
      note: 'Home with her aunt',
    });
    expect(discharged.status).toBe(200);
    await waitFor('the bed free again', async () => (await listed(first()))?.capacity?.free === 3);
    const reporting = network.nodes.get('reporting')!.database;
    const facts = await waitFor('reporting counts the stays', async () => {
      const rows = await query<{ activity: string; outcome: string | null; victim_id: string; agency_id: string }>(
        reporting,
        `SELECT activity, outcome, victim_id, agency_id FROM service_fact ORDER BY activity, agency_id`,
      );
      return rows.length === 3 ? rows : undefined;
    });
    expect(facts.map((f) => `${f.activity} ${f.outcome ?? '-'} ${f.agency_id}`).sort()).toEqual(
      [`shelter-admission - ${first()}`, `shelter-admission - ${SECOND_SHELTER.id}`, `shelter-discharge family ${first()}`].sort(),
    );
    expect(facts.find((f) => f.activity === 'shelter-discharge')!.victim_id).toBe(statisticsId(STATISTICS_KEY, 'victim', girl.victimId));
    expect(new Set(facts.filter((f) => f.activity === 'shelter-admission').map((f) => f.victim_id))).toEqual(
      new Set([statisticsId(STATISTICS_KEY, 'victim', girl.victimId), statisticsId(STATISTICS_KEY, 'victim', second.victimId)]),
    );
  });

  it('shows a shelter unreachable when its node stops or crashes, and reachable again when it returns', async () => {
    await network.stopNode(SECOND_SHELTER.id); // clean stop: marked at once
    await waitFor('unreachable after a clean stop', async () => (await listed(SECOND_SHELTER.id))?.reachable === false, 5000);
    expect((await shelters()).at(-1)!.id).toBe(SECOND_SHELTER.id); // unreachable ones last
    await network.startNode(SECOND_SHELTER.id);
    await waitFor('reachable after the restart', async () => (await listed(SECOND_SHELTER.id))?.reachable === true);

    await network.stopNode(SECOND_SHELTER.id, 'SIGKILL'); // a power cut: only the silence tells
    expect((await listed(SECOND_SHELTER.id))?.reachable).toBe(true);
    await waitFor('unreachable after the stale window', async () => (await listed(SECOND_SHELTER.id))?.reachable === false, 10000);
    await network.startNode(SECOND_SHELTER.id);
    const back = await waitFor('reachable again', async () => {
      const a = await listed(SECOND_SHELTER.id);
      return a?.reachable ? a : undefined;
    });
    expect(back.capacity).toMatchObject({ places: 4, free: 3 });
  });
});
