import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { DICTIONARY } from '@rujukan/contracts';
import type { Network } from '../../scripts/network/start-network.js';
import { launchChromium } from '../support/chromium.js';
import { walkInComplaint } from '../support/complaint.js';
import { query } from '../support/database.js';
import { encodings } from '../support/encodings.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';

const ID = DICTIONARY.id.console;
const EN = DICTIONARY.en.console;
const D = DICTIONARY.id;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's label: the dictionary's word, with or without the "required" mark. */
const labelled = (label: string, dict = ID) => new RegExp(`^${escape(label)}( \\(${escape(dict.required)}\\))?$`);
/** A dictionary sentence with a number where its {placeholder} is. */
const withNumber = (text: string) => new RegExp(`^${escape(text).replace(/\\\{\w+\\\}/g, '\\d+')}$`);

/** The register's look-ups one staff member may make here in a window (REGISTER_LOOKUPS). */
const LOOKUPS = 3;

/** What the browser keeps for the page's origin, as text: local and session storage, IndexedDB's databases, cookies. */
async function browserStorage(p: Page): Promise<{ text: string; draftKeys: string[] }> {
  const kept = await p.evaluate(async () => {
    const g = globalThis as unknown as {
      localStorage: Record<string, string>;
      sessionStorage: Record<string, string>;
      indexedDB: { databases(): Promise<Array<{ name?: string }>> };
    };
    return {
      local: { ...g.localStorage },
      session: { ...g.sessionStorage },
      databases: (await g.indexedDB.databases()).map((d) => d.name ?? ''),
    };
  });
  const cookies = await p.context().cookies();
  return {
    text: JSON.stringify({ ...kept, cookies }),
    draftKeys: Object.keys(kept.local).filter((k) => k.startsWith('rujukan.draft.')),
  };
}

/** A secret's forms (plain, hex, base64 at each alignment, and base64url) found in a text. */
const foundIn = (text: string, secret: string) =>
  [...encodings(secret), ...encodings(secret).map((e) => e.replace(/\+/g, '-').replace(/\//g, '_'))].filter((e) => text.includes(e));

/**
 * The registration form's draft, in a real browser (Debian's Chromium
 * through playwright-core) against a real intake node: a half-filled
 * complaint survives a closed tab and a new sign-in, kept in the browser only
 * as AES-GCM ciphertext under a key the node derives and the page holds in
 * memory; sign-out wipes it and the node will not give that key again. The
 * register look-up of POST /cases is limited per staff member (here
 * REGISTER_LOOKUPS=3), refused with 429 and Retry-After, storing nothing, and
 * recorded in the access record without the NIK in clear.
 */
describe('the console’s drafts and the register’s look-ups', () => {
  let network: Network;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const problems: string[] = [];
  const tokens = new Map<string, string>();
  const passwords = new Map<string, string>();
  const ids = new Map<string, string>();
  const intake = () => network.nodes.get('intake')!.url;
  const database = () => network.nodes.get('intake')!.database;

  async function call<T>(method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${intake()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(as)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const draftKey = async (as: string) => (await call<{ key: string; keyId: string }>('GET', '/auth/draft-key', as)).body;
  const caseCount = async () => Number((await query<{ n: string }>(database(), 'SELECT count(*) n FROM case_file'))[0].n);

  async function choose(scope: Locator | Page, label: string, option: string) {
    const owner = 'keyboard' in scope ? scope : scope.page();
    await scope
      .locator('.select')
      .filter({ has: owner.locator('.react-aria-Label', { hasText: labelled(label) }) })
      .first()
      .locator('button')
      .click();
    await owner.getByRole('option', { name: option, exact: true }).click();
  }
  const field = (scope: Locator | Page, label: string) => scope.getByLabel(labelled(label)).first();
  const victim = (p: Page, i: number) => p.locator(`fieldset[data-victim="${i}"]`);

  async function signIn(p: Page, username: string) {
    await p.goto(`${intake()}/`);
    await p.getByLabel(labelled(ID.username)).fill(username);
    await p.getByLabel(labelled(ID.password)).fill(passwords.get(username)!);
    await p.getByRole('button', { name: ID.signIn, exact: true }).click();
    await p.waitForSelector('body[data-session="signed-in"]');
  }
  async function openForm(p: Page) {
    await p.locator('.top nav').getByRole('link', { name: ID.navRegister }).click();
    await p.waitForSelector('#register-title');
  }
  async function newPage(): Promise<Page> {
    const p = await browser.context.newPage();
    p.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return p;
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'drafts',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake'],
      nodeEnv: { intake: { REGISTER_LOOKUPS: String(LOOKUPS), REGISTER_LOOKUP_WINDOW_SECONDS: '600' } },
    });
    const staff = await signInStaff(network, [
      { username: 'worker', role: 'case-worker' },
      { username: 'prober', role: 'case-worker' },
      { username: 'leaver', role: 'case-worker' },
    ]);
    for (const [key, account] of staff) {
      const name = key.replace(/^intake\//, '');
      tokens.set(name, account.token);
      passwords.set(name, account.password);
      ids.set(name, account.id);
    }
    browser = await launchChromium();
    page = await newPage();
  }, 180_000);

  afterAll(async () => {
    if (problems.length) process.stderr.write(`the page's console:\n${problems.join('\n')}\n`);
    await browser?.close();
    await removeSevenNodes(network);
  });

  const half = {
    name: `Korban ${randomBytes(4).toString('hex')}`,
    nik: testNik('female'),
    address: `Jalan Draf ${randomBytes(3).toString('hex')}`,
  };

  it('keeps a half-filled registration through a closed tab and a new sign-in, in the browser only as ciphertext', async () => {
    await signIn(page, 'worker');
    await openForm(page);
    await expect(page.getByText(ID.draftNote, { exact: true }).isVisible()).resolves.toBe(true);
    await choose(page, ID.channel, D.channel.hotline);
    await choose(page, ID.kind, D.caseKind['violence-against-women']);
    await field(page, ID.district).fill('Kota Tanjungpinang');
    await field(victim(page, 0), ID.name).fill(half.name);
    await field(victim(page, 0), ID.address).fill(half.address);
    await field(victim(page, 0), ID.idNumber).fill(half.nik);
    await page.waitForSelector('body[data-draft="saved"]');

    const stored = await browserStorage(page);
    expect(stored.draftKeys).toHaveLength(1);
    // Nothing of her in plain, hex or base64; nor the key the page encrypted with.
    const key = await draftKey('worker');
    for (const secret of [half.name, half.nik, half.address, key.key]) expect(foundIn(stored.text, secret)).toEqual([]);
    expect(stored.draftKeys[0]).toBe(`rujukan.draft.${key.keyId}.register-complaint`);

    await page.close(); // a closed tab: her session in the page's memory is gone, the node's session idles on
    page = await newPage();
    await page.goto(`${intake()}/`);
    await page.waitForSelector('body[data-session="signed-out"]');
    await signIn(page, 'worker');
    await openForm(page);
    await page.locator('#draft-restored').waitFor();
    expect(await page.locator('#draft-restored').innerText()).toContain(ID.draftRestored);
    expect(await field(victim(page, 0), ID.name).inputValue()).toBe(half.name);
    expect(await field(victim(page, 0), ID.address).inputValue()).toBe(half.address);
    expect(await field(victim(page, 0), ID.idNumber).inputValue()).toBe(half.nik);
    expect(await field(page, ID.district).inputValue()).toBe('Kota Tanjungpinang');
  });

  it('words the draft in English too', async () => {
    await page.locator('#language-switch').click();
    await page.getByText(EN.draftNote, { exact: true }).waitFor();
    expect(await page.locator('#draft-restored').innerText()).toContain(EN.draftRestored);
    expect(await page.locator('#discard-draft').innerText()).toBe(EN.discardDraft);
    await page.locator('#language-switch').click();
    await page.getByText(ID.draftNote, { exact: true }).waitFor();
  });

  it('leaves nothing at sign-out, and the node will not give the old key again', async () => {
    const before = await draftKey('worker');
    await page.locator('#sign-out').click();
    await page.waitForSelector('body[data-session="signed-out"]');
    const stored = await browserStorage(page);
    expect(stored.draftKeys).toEqual([]);
    for (const secret of [half.name, half.nik, half.address, before.key]) expect(foundIn(stored.text, secret)).toEqual([]);
    // Her sign-out raised the key's generation: the key of the wiped draft is gone.
    const after = await draftKey('worker');
    expect(after.key).not.toBe(before.key);
    expect(after.keyId).not.toBe(before.keyId);
    expect(
      (
        await query<{ generation: number }>(database(), 'SELECT generation FROM staff_draft_key WHERE staff_id = $1', [ids.get('worker')])
      )[0].generation,
    ).toBe(1);

    await signIn(page, 'worker');
    await openForm(page);
    expect(await field(victim(page, 0), ID.name).inputValue()).toBe('');
    expect(await page.locator('#draft-restored').count()).toBe(0);
  });

  it('wipes the draft once the complaint is saved as a case', async () => {
    const name = `Korban ${randomBytes(4).toString('hex')}`;
    await choose(page, ID.channel, D.channel['walk-in']);
    await choose(page, ID.kind, D.caseKind['violence-against-women']);
    await field(page, ID.district).fill('Kota Tanjungpinang');
    await page.locator('label.react-aria-Radio', { hasText: D.riskLevel.medium }).click();
    await page.locator('.step').nth(1).locator('label.react-aria-Checkbox', { hasText: D.violenceType.physical }).first().click();
    await choose(page, ID.incidentPlace, D.incidentPlace.household);
    await field(victim(page, 0), ID.name).fill(name);
    await choose(victim(page, 0), ID.sex, D.sex.female);
    await field(victim(page, 0), ID.ageYears).fill('31');
    await field(victim(page, 0), ID.victimDistrict).fill('Kota Tanjungpinang');
    await page.waitForSelector('body[data-draft="saved"]');
    expect((await browserStorage(page)).draftKeys).toHaveLength(1);
    await page.locator('#submit-complaint').click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    const stored = await browserStorage(page);
    expect(stored.draftKeys).toEqual([]);
    expect(foundIn(stored.text, name)).toEqual([]);
  });

  it('gives a disabled account a new draft key: the one before cannot be had again', async () => {
    const before = await draftKey('leaver');
    expect(before.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await draftKey('leaver')).toEqual(before); // the same key while nothing changed
    expect((await call('POST', `/staff/${ids.get('leaver')}/disable`, 'admin')).status).toBe(204);
    expect((await call('GET', '/auth/draft-key', 'leaver')).status).toBe(401);
    expect((await call('POST', `/staff/${ids.get('leaver')}/enable`, 'admin')).status).toBe(204);
    tokens.set('leaver', await network.signIn('intake', 'leaver', passwords.get('leaver')!));
    expect((await draftKey('leaver')).key).not.toBe(before.key);
  });

  it('limits the register look-ups of POST /cases per staff member: 429 with Retry-After, nothing stored, recorded without the NIK', async () => {
    const niks = Array.from({ length: LOOKUPS }, () => testNik('female'));
    for (const nik of niks) expect((await call('POST', '/cases', 'prober', walkInComplaint({}, { idNumber: nik }))).status).toBe(201);
    const cases = await caseCount();
    const probe = walkInComplaint({}, { idNumber: niks[0] });
    const refused = await call<{ statusCode: number; message: string; retryAfterSeconds: number }>('POST', '/cases', 'prober', probe);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/too many look-ups against the register/);
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(500);
    expect(refused.body.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(refused.headers.get('retry-after')).toBe(String(refused.body.retryAfterSeconds));
    expect(JSON.stringify(refused.body)).not.toContain(niks[0]);
    // A body that would not even pass validation is refused the same way: the limit comes first.
    expect((await call('POST', '/cases', 'prober', { victims: [{ idNumber: testNik('female') }] })).status).toBe(429);
    expect(await caseCount()).toBe(cases);
    const victims = await query<{ n: string }>(database(), `SELECT count(*) n FROM victim`);
    expect(Number(victims[0].n)).toBe(cases); // one victim per case: the refused ones stored none
    // Another case worker is not held up by her.
    expect((await call('POST', '/cases', 'worker', walkInComplaint({}, { idNumber: testNik('female') }))).status).toBe(201);

    const rows = await query<{ resource_id: string | null; outcome: string; action: string; route: string }>(
      database(),
      `SELECT resource_id, outcome, action, route FROM access_record WHERE staff_id = $1 AND resource = 'register-lookup' ORDER BY seq`,
      [ids.get('prober')],
    );
    expect(rows.map((r) => [r.outcome, r.action, r.route])).toEqual([
      ...niks.map(() => ['allowed', 'read', 'POST /cases']),
      ['denied', 'read', 'POST /cases'],
      ['denied', 'read', 'POST /cases'],
    ]);
    for (const r of rows) expect(r.resource_id).toMatch(/^nik:[0-9a-f]{16}$/);
    // The same NIK reads the same (a probe of one person shows), another NIK differently.
    expect(rows[LOOKUPS].resource_id).toBe(rows[0].resource_id);
    expect(new Set(rows.slice(0, LOOKUPS).map((r) => r.resource_id)).size).toBe(LOOKUPS);
    // No NIK in clear, hex or base64 anywhere in the access record.
    const record = JSON.stringify(await query(database(), 'SELECT * FROM access_record'));
    for (const nik of niks) expect(foundIn(record, nik)).toEqual([]);
  });

  it('words the refused look-up in the page from the dictionary', async () => {
    await page.locator('#sign-out').click();
    await page.waitForSelector('body[data-session="signed-out"]');
    await signIn(page, 'prober');
    await openForm(page);
    await field(victim(page, 0), ID.name).fill(`Korban ${randomBytes(4).toString('hex')}`);
    await page.locator('#submit-complaint').click();
    const alert = page.locator('p.error-summary[role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(withNumber(ID.lookupLimited));
    // The refusals on purpose (the disabled account's 401, the limit's 429) are the page's only complaints.
    expect(problems.filter((p) => !/status of (401|429)/.test(p))).toEqual([]);
  });
});
