import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { walkInComplaint } from '../support/complaint.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The HTTP hardening of the nodes, on a real intake and reporting node:
 * security headers and no-store on every answer (the dashboard keeps its own
 * policy), and public statistics served from a result computed once per
 * change of the facts, refusing years and districts without data.
 */
describe('hardened HTTP answers and public statistics', () => {
  let network: Network;
  let token: string;
  const logs: string[] = [];
  const year = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' }).slice(0, 4));
  const url = (node: string) => network.nodes.get(node)!.url;
  /** Suppression runs the reporting node logged so far. */
  const runs = () => logs.filter((l) => l.startsWith('reporting ') && l.includes('public statistics computed')).length;
  const factsVersion = async () =>
    Number((await query<{ v: string }>(network.nodes.get('reporting')!.database, `SELECT version AS v FROM reporting_facts_version`))[0].v);

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'harden',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'reporting'],
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
    token = (await signInStaff(network, [{ username: 'worker', role: 'case-worker' }])).get('intake/worker')!.token;
  });

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  function expectHardened(res: Response, label: string) {
    const h = (name: string) => res.headers.get(name);
    expect({
      label,
      csp: h('content-security-policy'),
      cache: h('cache-control'),
      nosniff: h('x-content-type-options'),
      frame: h('x-frame-options'),
      referrer: h('referrer-policy'),
      poweredBy: h('x-powered-by'),
    }).toEqual({
      label,
      csp: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      cache: 'no-store',
      nosniff: 'nosniff',
      frame: 'SAMEORIGIN',
      referrer: 'no-referrer',
      poweredBy: null,
    });
  }

  it('puts security headers and no-store on every answer: data, refusals and errors alike', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${url('intake')}/cases`, { method: 'POST', headers: auth, body: JSON.stringify(walkInComplaint()) });
    expect(created.status).toBe(201);
    expectHardened(created, 'POST /cases');
    const list = await fetch(`${url('intake')}/cases`, { headers: auth });
    expect(list.status).toBe(200);
    expectHardened(list, 'GET /cases');
    expectHardened(await fetch(`${url('intake')}/cases`), 'GET /cases without a token (401)');
    const malformed = await fetch(`${url('intake')}/cases`, { method: 'POST', headers: auth, body: '{"oops' });
    expect(malformed.status).toBe(400);
    expectHardened(malformed, 'malformed JSON (400)');
    expectHardened(await fetch(`${url('reporting')}/health`), 'GET /health');
  });

  it('lets the dashboard keep its own content policy and caching', async () => {
    const page = await fetch(`${url('reporting')}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 1,000 requests for made-up districts and years without running a suppression', async () => {
    // The case registered above reaches reporting; its public tables are computed once it has.
    const tables = await waitFor('the year’s public tables', async () => {
      const res = await fetch(`${url('reporting')}/public/statistics/tables?year=${year}&district=kota%20tanjungpinang`);
      return res.status === 200 ? ((await res.json()) as { district: string; tables: unknown[] }) : undefined;
    });
    expect(tables.tables.length).toBeGreaterThan(0);
    await waitFor('the facts settled and computed', async () => {
      const v = await factsVersion();
      return logs.some((l) => l.includes(`facts version ${v},`));
    });
    const [runsBefore, versionBefore] = [runs(), await factsVersion()];
    expect(runsBefore).toBeGreaterThan(0);

    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const q = i % 10 === 9 ? `year=${2001 + (i % 7)}` : `year=${year}&district=Kabupaten%20${randomBytes(5).toString('hex')}`;
          return fetch(`${url('reporting')}/public/statistics/tables?${q}`).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          });
        }),
      );
      for (const s of answers) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 400: 1000 });
    // A run is started only by a change of the facts, never by a request.
    expect(runs() - runsBefore).toBeLessThanOrEqual((await factsVersion()) - versionBefore);
    const refused = await fetch(`${url('reporting')}/public/statistics/tables?year=${year}&district=Kabupaten%20Khayalan`);
    expect(await refused.json()).toMatchObject({ fields: { district: ['there are no statistics for this district'] } });
  }, 120000);
});
