import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { walkInComplaint } from '../support/complaint.js';

/**
 * What a node's HTTP edge refuses before any service runs, on a real intake
 * node: each gets the nodes' field-error 400, echoes nothing it was sent, and
 * stores nothing.
 */
describe('the HTTP edge of a node', () => {
  let network: Network;
  let token: string;
  const secret = `Korban ${randomBytes(6).toString('hex')}`;

  const intake = () => network.nodes.get('intake')!;
  const count = async (table: string) => Number((await query<{ n: string }>(intake().database, `SELECT count(*) n FROM ${table}`))[0].n);

  function complaint(overrides: Record<string, unknown> = {}, victim: Record<string, unknown> = {}) {
    return walkInComplaint(overrides, { name: secret, ...victim });
  }

  /** POSTs raw bytes; the answer with its text, so a test can check nothing sent comes back. */
  async function post(path: string, body: string | Buffer) {
    const res = await fetch(`${intake().url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as { message: string; fields?: Record<string, string[]> } };
  }

  /** The request is refused with a 400 naming `fields`, echoes no value, and leaves no case and no event behind. */
  async function expectRefused(body: string | Buffer, fields: string[]) {
    const [cases, outbox] = [await count('case_file'), await count('messaging_outbox')];
    const res = await post('/cases', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Validation failed');
    expect(Object.keys(res.body.fields ?? {}).sort()).toEqual([...fields].sort());
    expect(res.text).not.toContain(secret);
    expect(await count('case_file')).toBe(cases);
    expect(await count('messaging_outbox')).toBe(outbox);
    return res.body.fields!;
  }

  beforeAll(async () => {
    network = await startSevenNodes({ label: 'edge', statisticsKey: randomBytes(32).toString('hex'), roles: ['intake'] });
    token = (await signInStaff(network, [{ username: 'worker', role: 'case-worker' }])).get('intake/worker')!.token;
  });

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  it('still registers a well-formed complaint', async () => {
    expect((await post('/cases', JSON.stringify(complaint()))).status).toBe(201);
  });

  it('refuses a body nested 20,000 levels deep with a 400, not a 500', async () => {
    const deep = JSON.stringify(complaint()).replace(
      '"place":"household"',
      `"place":"household","x":${'['.repeat(20000)}${']'.repeat(20000)}`,
    );
    const fields = await expectRefused(deep, ['body']);
    expect(fields.body).toEqual(['body nests deeper than 32 levels']);
  });

  it('names a missing incident and a missing consent', async () => {
    const { incident: _incident, ...withoutIncident } = complaint();
    expect((await expectRefused(JSON.stringify(withoutIncident), ['incident'])).incident).toEqual([
      'incident should not be null or undefined',
    ]);
    const victim = { ...complaint().victims[0], consent: undefined };
    await expectRefused(JSON.stringify(complaint({ victims: [complaint().victims[0], victim] })), ['victims.1.consent']);
  });

  it('refuses invalid UTF-8 instead of storing replacement characters', async () => {
    const [before, after] = JSON.stringify(complaint()).split(secret);
    const body = Buffer.concat([Buffer.from(before + secret), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(after)]);
    expect((await expectRefused(body, ['body'])).body).toEqual(['body is not valid UTF-8']);
  });

  it('refuses __proto__, constructor and prototype keys like any unknown field', async () => {
    const body = JSON.stringify(complaint())
      .replace('{"channel"', '{"__proto__":{"admin":true},"channel"')
      .replace('"place":"household"', '"place":"household","constructor":{"prototype":{}}')
      .replace('"sex":"female"', '"sex":"female","prototype":1');
    const fields = await expectRefused(body, ['__proto__', 'incident.constructor', 'victims.0.prototype']);
    expect(fields['__proto__']).toEqual(['property __proto__ should not exist']);
  });

  it('refuses malformed JSON without quoting it back', async () => {
    const fields = await expectRefused(`{"name": "${secret}", oops`, ['body']);
    expect(fields.body).toEqual(['body is not valid JSON']);
  });

  it('refuses a body over the size limit with a 413 in JSON, no stack and nothing stored', async () => {
    const before = await count('case_file');
    const res = await post('/cases', JSON.stringify({ ...complaint(), padding: `${secret}${'x'.repeat(200 * 1024)}` }));
    expect(res.status).toBe(413);
    expect(res.text).not.toContain(secret);
    expect(res.text).not.toMatch(/\bat \S+ \(|node_modules/);
    expect(await count('case_file')).toBe(before);
  });
});
