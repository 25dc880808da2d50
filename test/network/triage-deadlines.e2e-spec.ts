import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NodeRole } from '../../scripts/network/nodes.js';
import type { Network } from '../../scripts/network/start-network.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

/**
 * First-response deadlines at intake. Deadlines are checked when the node
 * starts and then every TRIAGE_CHECK_MS; here that is ten minutes, so only
 * the start-up checks run and the test controls when each happens: a case
 * falls due while the node is down, and the alert comes once, at the restart.
 */
describe('triage deadlines', () => {
  let network: Network;
  const tokens = new Map<string, string>();

  async function call(role: NodeRole, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${network.nodes.get(role)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${role}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function register(riskLevel: string): Promise<string> {
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'hotline',
      kind: 'violence-against-children',
      riskLevel,
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['physical'], place: 'household' },
      victims: [{ name: 'Anak', sex: 'male', ageYears: 9, district: 'Kota Tanjungpinang', consent: { services: true, statistics: true } }],
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const alerts = async () => (await call('intake', 'GET', '/alerts', 'supervisor')).body as Array<{ caseId: string; kind: string }>;
  async function restartIntake(): Promise<void> {
    await network.stopNode('intake');
    await network.startNode('intake');
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'triage',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'reporting'],
      env: { TRIAGE_CHECK_MS: '600000' },
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
  });

  it('alerts supervisors at once for high risk, and exactly once when a first response is overdue, across restarts', async () => {
    const high = await register('high'); // due at once
    const low = await register('low'); // due in 3 days
    expect((await alerts()).filter((a) => a.caseId === high)).toEqual([expect.objectContaining({ kind: 'high-risk-registered' })]);
    const overdue = ((await call('intake', 'GET', '/triage/overdue', 'supervisor')).body as Array<{ id: string }>).map((c) => c.id);
    expect(overdue).toContain(high);
    expect(overdue).not.toContain(low);
    expect((await alerts()).filter((a) => a.kind === 'first-response-overdue')).toEqual([]); // no check has run since

    await restartIntake(); // the start-up check finds the case past its deadline
    await waitFor('overdue alert', async () => (await alerts()).some((a) => a.caseId === high && a.kind === 'first-response-overdue'));
    await restartIntake(); // and a second start raises nothing new
    await waitFor('node up', async () => (await call('intake', 'GET', '/alerts', 'supervisor')).status === 200);
    expect((await alerts()).filter((a) => a.kind === 'first-response-overdue').map((a) => a.caseId)).toEqual([high]);

    // One de-identified event went to reporting, which counts it.
    const stats = await waitFor('reporting counts the overdue case', async () => {
      const s = (await call('reporting', 'GET', '/statistics/cases', 'analyst')).body;
      return s.firstResponsesOverdueByRisk?.high === 1 ? s : undefined;
    });
    expect(stats.firstResponsesOverdueByRisk).toEqual({ high: 1 });
    // Exactly one written (it travels inside a sealed batch, so the stream's subjects do not show it).
    const written = await query<{ n: string }>(
      network.nodes.get('intake')!.database,
      `SELECT count(*) n FROM messaging_outbox WHERE pattern = 'case.first-response-overdue.v1'`,
    );
    expect(Number(written[0].n)).toBe(1);

    // A first response stops the clock.
    expect((await call('intake', 'POST', `/cases/${high}/first-response`, 'worker')).status).toBe(200);
    expect(((await call('intake', 'GET', '/triage/overdue', 'supervisor')).body as Array<{ id: string }>).map((c) => c.id)).not.toContain(
      high,
    );

    // SPM complaint handling counts a victim only when her case's first response came by its deadline:
    // the high-risk case answered late, the low-risk one answered in time, a medium-risk one not answered yet.
    await register('medium');
    expect((await call('intake', 'POST', `/cases/${low}/first-response`, 'worker')).status).toBe(200);
    const year = new Date().getFullYear();
    const complaint = await waitFor('reporting counts the first responses', async () => {
      const spm = (await call('reporting', 'GET', `/statistics/spm?year=${year}`, 'analyst')).body as Array<{
        indicator: string;
        numerator: number;
        denominator: number;
      }>;
      const c = spm.find((s) => s.indicator === 'complaint-handling');
      return c && c.denominator === 3 && c.numerator === 1 ? c : undefined;
    });
    expect(complaint).toMatchObject({ numerator: 1, denominator: 3 });
  });
});
