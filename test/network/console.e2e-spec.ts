import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { DICTIONARY } from '@rujukan/contracts';
import type { Network } from '../../scripts/network/start-network.js';
import { launchChromium } from '../support/chromium.js';
import { query } from '../support/database.js';
import { walkInComplaint } from '../support/complaint.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

/** A second UPTD PPA (another region's intake node), for a hand-over. */
const LOMBOK = { id: 'uptd-ppa-lombok-timur', node: 'intake', name: 'UPTD PPA Kabupaten Lombok Timur' };

const ID = DICTIONARY.id.console;
const EN = DICTIONARY.en.console;
const D = DICTIONARY.id;
/** A dictionary word with its {placeholders} filled in, as the console does. */
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);

/** A GET as a browser sends it, asking for gzip, with the bytes as they came over the wire. */
function rawGet(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

interface AxeGlobals {
  axe: {
    run(
      context: unknown,
      options: unknown,
    ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }>;
  };
  document: unknown;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's label: the dictionary's word, with or without the "required" mark. */
const labelled = (label: string, dict = ID) => new RegExp(`^${escape(label)}( \\(${escape(dict.required)}\\))?$`);

/**
 * The UPTD PPA's console in a real browser (Debian's Chromium through
 * playwright-core), served by the intake node itself, against real nodes
 * (intake and the shelter on the shared NATS and PostgreSQL). A case worker
 * signs in and registers by clicking; the API's field errors show at the
 * fields; a double click registers once; the session outlives its first
 * access token (60 s here); a disabled account's open console is signed out.
 * A second UPTD PPA (Lombok Timur's intake node) takes a case handed over to
 * it in its supervisor's console; the field errors and the timeline are in the
 * page's language; a complaint is registered with the keyboard alone.
 */
describe('the UPTD PPA console', () => {
  let network: Network;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const problems: string[] = [];
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();
  const passwords = new Map<string, string>();
  let firstTokenExpiresAt = 0;
  let shelterPage: Page;
  let shelterReferral: string;
  let healthPage: Page;
  let healthReferral: string;
  let registryDir = '';
  let trafficking: { id: string; victims: Array<{ id: string; name: string; idNumber: string }> };
  const intake = () => network.nodes.get('intake')!.url;

  /** The API as one of the staff; intake's tokens live 60 s here, so an expired one is replaced by a fresh sign-in. */
  async function call<T>(node: string, method: string, path: string, as: string, body?: unknown): Promise<{ status: number; body: T }> {
    const key = `${node}/${as}`;
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(key)}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 401 && attempt === 0 && passwords.has(key)) {
        tokens.set(key, await network.signIn(node, as, passwords.get(key)!));
        continue;
      }
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    }
  }
  const caseCount = async () =>
    Number((await query<{ n: string }>(network.nodes.get('intake')!.database, 'SELECT count(*) n FROM case_file'))[0].n);

  /** Chooses an option of a React Aria Select by clicking it open, then the option. */
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
  const tick = (scope: Locator | Page, name: string) => scope.locator('label.react-aria-Checkbox', { hasText: name }).first().click();
  const type = (scope: Locator | Page, label: string, value: string) => scope.getByLabel(labelled(label)).first().fill(value);
  const victim = (i: number) => page.locator(`fieldset[data-victim="${i}"]`);

  /** The few DOM members the keyboard test reads in the page (the test's own types have no DOM). */
  interface El {
    getAttribute(name: string): string | null;
    matches(selector: string): boolean;
    closest(selector: string): El | null;
    querySelector(selector: string): El | null;
    compareDocumentPosition(other: El): number;
    ownerDocument: { activeElement: El | null; body: El };
  }

  /**
   * Moves the focus with the keyboard alone until it is on the target: Tab
   * forward, Shift+Tab back when the target comes before the focus. Once
   * there, the focus must be visible: the element (or the box of its
   * checkbox or radio) drawn with the console's focus outline.
   */
  async function tabTo(target: Locator) {
    const on = target.page();
    for (let presses = 0; presses < 200; presses++) {
      const where = await target.evaluate((node) => {
        const el = node as unknown as El;
        const active = el.ownerDocument.activeElement;
        if (active === el) return 'here';
        if (!active || active === el.ownerDocument.body) return 'after';
        return active.compareDocumentPosition(el) & 4 ? 'after' : 'before'; // 4: the target follows the focus
      });
      if (where === 'here') {
        const shown = await target.evaluate((node) => {
          const el = node as unknown as El;
          const styled = el.closest('.react-aria-Checkbox, .react-aria-Radio')?.querySelector('.box, .dot') ?? el;
          const style = (
            globalThis as unknown as { getComputedStyle(e: El): { outlineStyle: string; outlineWidth: string } }
          ).getComputedStyle(styled);
          return {
            visible: el.matches(':focus-visible') || el.closest('[data-focus-visible]') !== null,
            outline: `${style.outlineStyle} ${style.outlineWidth}`,
          };
        });
        expect(shown).toEqual({ visible: true, outline: 'solid 3px' });
        return;
      }
      await on.keyboard.press(where === 'after' ? 'Tab' : 'Shift+Tab');
    }
    throw new Error(`the keyboard did not reach ${String(target)}`);
  }

  /** A React Aria Select chosen with the keyboard: focus its button, open it with Enter, arrow down to the option, Enter. */
  async function chooseByKeyboard(scope: Locator | Page, label: string, option: string) {
    const owner = 'keyboard' in scope ? scope : scope.page();
    await tabTo(
      scope
        .locator('.select')
        .filter({ has: owner.locator('.react-aria-Label', { hasText: labelled(label) }) })
        .first()
        .locator('button'),
    );
    await owner.keyboard.press('Enter');
    const wanted = owner.getByRole('option', { name: option, exact: true });
    await owner.getByRole('listbox').waitFor();
    for (let presses = 0; (await wanted.getAttribute('data-focused')) === null; presses++) {
      if (presses > 40) throw new Error(`the arrow keys did not reach ${option}`);
      await owner.keyboard.press('ArrowDown');
    }
    await owner.keyboard.press('Enter');
    await owner.getByRole('listbox').waitFor({ state: 'detached' });
  }

  /** Text typed into a field reached by Tab. */
  async function typeByKeyboard(scope: Locator | Page, label: string, value: string) {
    const owner = 'keyboard' in scope ? scope : scope.page();
    await tabTo(scope.getByLabel(labelled(label)).first());
    await owner.keyboard.type(value);
  }

  /** A checkbox ticked with Space. */
  async function tickByKeyboard(scope: Locator | Page, name: string) {
    const owner = 'keyboard' in scope ? scope : scope.page();
    const box = scope.locator('label.react-aria-Checkbox', { hasText: name }).first().locator('input');
    await tabTo(box);
    await owner.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
  }

  async function signIn(p: Page, username: string, node = 'intake') {
    await p.goto(`${network.nodes.get(node)!.url}/`);
    await p.getByLabel(labelled(ID.username)).fill(username);
    await p.getByLabel(labelled(ID.password)).fill(passwords.get(`${node}/${username}`)!);
    await p.getByRole('button', { name: ID.signIn, exact: true }).click();
    await p.waitForSelector('body[data-session="signed-in"]');
  }

  /** A fresh form: through the case list (the link to the page she is on changes nothing). */
  async function openForm() {
    await page.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await page.locator('#cases-title').waitFor();
    await page.locator('.top nav').getByRole('link', { name: ID.navRegister }).click();
    await page.waitForSelector('#register-title');
  }

  async function fillComplaint(victims: Array<{ name: string; age: string; nik: string }>, options: { trafficking: boolean }) {
    await choose(page, ID.channel, options.trafficking ? D.channel['bp3mi-arrival'] : D.channel['walk-in']);
    await choose(page, ID.kind, options.trafficking ? D.caseKind.trafficking : D.caseKind['violence-against-women']);
    await type(page, ID.district, 'Kota Tanjungpinang');
    await page.locator('label.react-aria-Radio', { hasText: D.riskLevel.high }).click();
    await tick(page.locator('.step').nth(1), options.trafficking ? D.violenceType.trafficking : D.violenceType.physical);
    if (options.trafficking) await tick(page.locator('.step').nth(1), D.violenceType.exploitation);
    await choose(page, ID.incidentPlace, D.incidentPlace.workplace);
    for (const [i, v] of victims.entries()) {
      if (i > 0) await page.locator('#add-victim').click();
      await type(victim(i), ID.name, v.name);
      await choose(victim(i), ID.sex, D.sex.female);
      await type(victim(i), ID.ageYears, v.age);
      await type(victim(i), ID.victimDistrict, 'Kota Tanjungpinang');
      await type(victim(i), ID.idNumber, v.nik);
      await tick(victim(i), ID.consentServices);
      await tick(victim(i), ID.consentStatistics);
    }
    await page.locator('#add-perpetrator').click();
    await choose(page.locator('.step').nth(3), ID.relation, D.relation.employer);
    if (options.trafficking) {
      await page.locator('#add-stage').click();
      const stages = page.locator('.step').nth(4);
      await choose(stages.locator('fieldset.group').nth(0), ID.stage, D.traffickingStage.recruitment);
      await type(stages.locator('fieldset.group').nth(0), ID.place, 'Desa Sakra, Lombok Timur');
      await page.locator('#add-stage').click();
      await choose(stages.locator('fieldset.group').nth(1), ID.stage, D.traffickingStage.exploitation);
      await type(stages.locator('fieldset.group').nth(1), ID.place, 'Sihanoukville');
      await type(stages.locator('fieldset.group').nth(1), ID.country, 'KH');
      await choose(stages.locator('fieldset.group').nth(1), ID.exploitationType, D.exploitationType['forced-criminality']);
    }
  }

  const person = () => ({ name: `Korban ${randomBytes(4).toString('hex')}`, age: '24', nik: testNik('female') });

  async function axeViolations(on: Page = page): Promise<string[]> {
    await on.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8')); // evaluated by the test: the page's policy refuses inline scripts
    const result = await on.evaluate(() => {
      const g = globalThis as unknown as AxeGlobals;
      return g.axe.run(g.document, { resultTypes: ['violations'] });
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  beforeAll(async () => {
    registryDir = mkdtempSync(join(tmpdir(), 'rujukan-registry-'));
    const registry = JSON.parse(readFileSync('bus/agencies.json', 'utf8')) as { agencies: unknown[] };
    registry.agencies.push(LOMBOK);
    writeFileSync(join(registryDir, 'agencies.json'), JSON.stringify(registry));
    network = await startSevenNodes({
      label: 'console',
      registryPath: join(registryDir, 'agencies.json'),
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'shelter', 'health', 'legal-aid'],
      // The shortest access token the nodes allow: the session must outlive it within this file's run.
      nodeEnv: { intake: { AUTH_TOKEN_TTL_SECONDS: '60' } },
    });
    const staff = await signInStaff(network, [
      { username: 'worker', role: 'case-worker' },
      { username: 'leaver', role: 'case-worker' },
      { username: 'chief', role: 'supervisor' },
    ]);
    for (const [key, account] of staff) {
      tokens.set(key, account.token);
      passwords.set(key, account.password);
      if (key.startsWith('intake/')) {
        passwords.set(account.username, account.password);
        ids.set(account.username, account.id);
      }
    }
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Every refusal of the content policy, with where it came from (an init script is not subject to the policy).
    await page.addInitScript(() => {
      const g = globalThis as unknown as {
        addEventListener(
          t: string,
          f: (e: { violatedDirective: string; sourceFile: string; lineNumber: number; columnNumber: number; sample: string }) => void,
        ): void;
        console: { error(s: string): void };
      };
      g.addEventListener('securitypolicyviolation', (e) =>
        g.console.error(`csp ${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} sample=${e.sample}`),
      );
    });
    await signIn(page, 'worker');
    firstTokenExpiresAt = Number(
      await page.evaluate(
        () => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.tokenExpiresAt,
      ),
    );
  }, 180_000);

  afterAll(async () => {
    if (problems.length) process.stderr.write(`the page's console:\n${problems.join('\n')}\n`);
    await browser?.close();
    await removeSevenNodes(network);
    if (registryDir) rmSync(registryDir, { recursive: true, force: true });
  });

  it('is served by the node itself under a strict content policy, its first load under 350 KiB compressed', async () => {
    const res = await rawGet(`${intake()}/`);
    expect(res.status).toBe(200);
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const html = (await import('node:zlib')).gunzipSync(res.body).toString('utf8');
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/\/console\/([\w.-]+)/g)].map((m) => m[1]);
    expect(assets).toEqual([expect.stringMatching(/^console-[0-9a-f]{10}\.css$/), expect.stringMatching(/^console-[0-9a-f]{10}\.js$/)]);
    let bytes = res.body.length;
    for (const asset of assets) {
      const a = await rawGet(`${intake()}/console/${asset}`);
      expect({ asset, status: a.status, encoding: a.headers['content-encoding'] }).toEqual({ asset, status: 200, encoding: 'gzip' });
      bytes += a.body.length;
    }
    expect(bytes).toBeGreaterThan(10 * 1024);
    expect(bytes).toBeLessThan(350 * 1024);
    // The shelter's node serves its own role's build: another script, the same policy.
    const theirs = await fetch(`${network.nodes.get('shelter')!.url}/`);
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('content-security-policy')).toBe(policy);
    const theirAssets = [...(await theirs.text()).matchAll(/\/console\/([\w.-]+)/g)].map((m) => m[1]);
    expect(theirAssets[1]).toMatch(/^console-[0-9a-f]{10}\.js$/);
    expect(theirAssets[1]).not.toBe(assets[1]);
  });

  it('registers a two-victim trafficking case by clicking', async () => {
    await openForm();
    const victims = [person(), person()];
    await fillComplaint(victims, { trafficking: true });
    await page.screenshot({ path: 'docs/console-register.png', fullPage: true });
    const before = await caseCount();
    await page.locator('#submit-complaint').click();
    const article = await page.waitForSelector('article[data-case]');
    const id = (await article.getAttribute('data-case'))!;
    const stored = await call<
      typeof trafficking & { kind: string; traffickingStages: Array<{ stage: string; country: string | null }>; perpetrators: unknown[] }
    >('intake', 'GET', `/cases/${id}`, 'worker');
    expect(stored.status).toBe(200);
    expect(stored.body.kind).toBe('trafficking');
    expect(stored.body.victims.map((v) => [v.name, v.idNumber]).sort()).toEqual(victims.map((v) => [v.name, v.nik]).sort());
    expect(stored.body.traffickingStages.map((s) => [s.stage, s.country])).toEqual([
      ['recruitment', null],
      ['exploitation', 'KH'],
    ]);
    expect(stored.body.perpetrators).toHaveLength(1);
    expect(await caseCount()).toBe(before + 1);
    trafficking = stored.body;
  });

  it('shows the duplicate warning the API reports on a second report of one of the victims', async () => {
    await openForm();
    const again = trafficking.victims[0];
    await fillComplaint([{ name: again.name, age: '24', nik: again.idNumber }], { trafficking: false });
    await page.locator('#submit-complaint').click();
    await page.waitForSelector('article[data-case]');
    const warning = await page.locator('.duplicate-warning').first().textContent();
    expect(warning).toContain(again.name);
  });

  it('shows the API’s errors at the fields it names (a bad NIK, a missing name), with nothing stored', async () => {
    await openForm();
    await fillComplaint([{ name: 'x', age: '30', nik: '12345' }], { trafficking: false });
    await victim(0).getByLabel(labelled(ID.name)).fill('');
    const before = await caseCount();
    const answered = page.waitForResponse((r) => r.url().endsWith('/cases') && r.request().method() === 'POST');
    await page.locator('#submit-complaint').click();
    const res = await answered;
    expect(res.status()).toBe(400);
    const { fields, rules } = (await res.json()) as { fields: Record<string, string[]>; rules: Record<string, string[]> };
    expect(Object.keys(fields).sort()).toEqual(['victims.0.idNumber', 'victims.0.name']);
    // The API names each broken rule by its code; the page words it from the one dictionary, in the page's language.
    expect(rules).toEqual({ 'victims.0.idNumber': ['matches'], 'victims.0.name': ['isString'] }); // an empty name is left out of the body
    await page.waitForSelector('#error-summary');
    const nik = victim(0).locator('.field', { has: page.getByLabel(labelled(ID.idNumber)) });
    const name = victim(0).locator('.field', { has: page.getByLabel(labelled(ID.name)) });
    expect(await nik.locator('.react-aria-FieldError').textContent()).toBe(D.fieldRule['idNumber.matches']);
    expect(await victim(0).getByLabel(labelled(ID.idNumber)).getAttribute('aria-invalid')).toBe('true');
    expect(await name.locator('.react-aria-FieldError').textContent()).toBe(D.fieldRule.isString);
    expect(await page.locator('#register-title').locator('..').textContent()).not.toContain(fields['victims.0.idNumber'][0]);
    // In English, the same refusal in English words (the form kept as she filled it).
    await page.locator('#language-switch').click();
    await page.locator('body[data-lang="en"]').waitFor();
    const again = page.waitForResponse((r) => r.url().endsWith('/cases') && r.request().method() === 'POST');
    await page.locator('#submit-complaint').click();
    expect((await again).status()).toBe(400);
    const words = DICTIONARY.en.fieldRule;
    const nikEn = victim(0).locator('.field', { has: page.getByLabel(labelled(EN.idNumber, EN)) });
    const nameEn = victim(0).locator('.field', { has: page.getByLabel(labelled(EN.name, EN)) });
    await nikEn.locator('.react-aria-FieldError', { hasText: words['idNumber.matches'] }).waitFor();
    expect(await nameEn.locator('.react-aria-FieldError').textContent()).toBe(words.isString);
    await page.locator('#language-switch').click();
    await page.locator('body[data-lang="id"]').waitFor();
    expect(await caseCount()).toBe(before);
  });

  it('registers one case for a double click on submit', async () => {
    await openForm();
    await fillComplaint([person()], { trafficking: false });
    const before = await caseCount();
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/cases') && posts.push(r.headers()['idempotency-key'] ?? ''));
    await page.locator('#submit-complaint').dblclick();
    await page.waitForSelector('article[data-case]');
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts).size).toBe(1); // every request of the one submit has its one key
    expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await caseCount()).toBe(before + 1);
  });

  it('registers a complaint and opens its case with the keyboard alone, the focus visible at every step', async () => {
    const who = person();
    await tabTo(page.locator('.top nav').getByRole('link', { name: ID.navRegister }));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#register-title');
    await chooseByKeyboard(page, ID.channel, D.channel.hotline);
    await chooseByKeyboard(page, ID.kind, D.caseKind['violence-against-women']);
    await typeByKeyboard(page, ID.district, 'Kota Batam');
    // The risk: into the radio group with Tab, then the arrow keys (which choose as they move) to "high".
    const high = page.locator('label.react-aria-Radio', { hasText: D.riskLevel.high }).locator('input');
    await tabTo(page.locator('label.react-aria-Radio').first().locator('input'));
    for (let presses = 0; !(await high.isChecked()); presses++) {
      if (presses > 5) throw new Error('the arrow keys did not choose the high risk');
      await page.keyboard.press(
        (await high.evaluate((n) => (n as unknown as El).ownerDocument.activeElement === (n as unknown as El))) ? 'Space' : 'ArrowDown',
      );
    }
    await tickByKeyboard(page.locator('.step').nth(1), D.violenceType.psychological);
    await chooseByKeyboard(page, ID.incidentPlace, D.incidentPlace.household);
    await typeByKeyboard(victim(0), ID.name, who.name);
    await chooseByKeyboard(victim(0), ID.sex, D.sex.female);
    await typeByKeyboard(victim(0), ID.ageYears, who.age);
    await typeByKeyboard(victim(0), ID.victimDistrict, 'Kota Batam');
    await typeByKeyboard(victim(0), ID.idNumber, who.nik);
    await tickByKeyboard(victim(0), ID.consentServices);
    // Back up with Shift+Tab to the district she wrote first and correct it.
    await tabTo(page.getByLabel(labelled(ID.district)).first());
    await page.keyboard.press('End');
    await page.keyboard.type(' Utara');
    await tabTo(page.locator('#submit-complaint'));
    const before = await caseCount();
    await page.keyboard.press('Enter');
    const article = await page.waitForSelector('article[data-case]');
    const id = (await article.getAttribute('data-case'))!;
    expect(await caseCount()).toBe(before + 1);
    // From the case list, her new case opened with Tab and Enter.
    await tabTo(page.locator('.top nav').getByRole('link', { name: ID.navCases }));
    await page.keyboard.press('Enter');
    await page.locator('table.list').waitFor();
    await tabTo(page.locator(`table.list a[href="#/cases/${id}"]`));
    await page.keyboard.press('Enter');
    await page.locator(`article[data-case="${id}"]`).waitFor();
    expect(await page.locator(`[data-victim-id] h3`).first().textContent()).toBe(who.name);
    const stored = await call<{ district: string; riskLevel: string; victims: Array<{ name: string; idNumber: string }> }>(
      'intake',
      'GET',
      `/cases/${id}`,
      'worker',
    );
    expect(stored.body).toMatchObject({
      district: 'Kota Batam Utara',
      riskLevel: 'high',
      victims: [{ name: who.name, idNumber: who.nik }],
    });
  });

  it('records consent, plans and refers from the case page, and shows the shelter’s acceptance without reloading', async () => {
    // The same page, not a new load: the session is in memory only (a reload signs her out).
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, trafficking.id);
    await page.waitForSelector('article[data-case]');
    const first = page.locator(`[data-victim-id="${trafficking.victims[0].id}"]`);
    await choose(first, ID.purpose, D.consentPurpose.disclosure);
    await first.getByRole('button', { name: ID.giveConsent }).click();
    await first.locator('[data-consent="disclosure"]').waitFor();
    const plan = page.locator('#plan');
    await choose(plan, ID.forVictim, trafficking.victims[0].name);
    await tick(plan, D.service.shelter);
    await plan.getByRole('button', { name: ID.addToPlan }).click();
    await plan.locator('[data-need="shelter"]').waitFor();
    const referrals = page.locator('#referrals');
    await choose(referrals, ID.forVictim, trafficking.victims[0].name);
    await choose(referrals, ID.service, D.service.shelter);
    const shelter = network.nodes.get('shelter')!;
    // The live directory for the service, and her consent to it checked before she sends.
    await referrals.locator(`.directory li[data-agency="${shelter.agency}"][data-reachable="yes"]`).waitFor();
    await referrals.locator('[data-consent-check="on-record"]').waitFor();
    const agencies = await call<Array<{ id: string; name: string }>>('intake', 'GET', '/agencies', 'worker');
    await choose(referrals, ID.agency, agencies.body.find((a) => a.id === shelter.agency)!.name);
    // The shelter's officer has her inbox open before the referral is made.
    const officer = await browser.context.newPage();
    officer.on('pageerror', (e) => problems.push(`shelter page error: ${e.message}`));
    await signIn(officer, 'worker', 'shelter');
    await officer.locator('section[data-inbox="new"]').waitFor();
    const officerLoads: string[] = [];
    officer.on('framenavigated', (f) => f === officer.mainFrame() && officerLoads.push(f.url()));
    await referrals.getByRole('button', { name: ID.refer }).click();
    const item = referrals.locator('[data-referral][data-state="requested"]');
    await item.waitFor();
    await page.locator('[data-live="yes"]').waitFor();
    const referralId = (await item.getAttribute('data-referral'))!;
    const loads: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && loads.push(f.url()));
    // It appears in her inbox without a reload; she opens it and sees only what the shelter may know.
    const row = officer.locator(`tr[data-referral="${referralId}"][data-state="requested"]`);
    await row.waitFor({ timeout: 30000 });
    expect(officerLoads.filter((u) => !u.includes('#'))).toEqual([]);
    expect(await row.textContent()).toContain(trafficking.victims[0].name);
    await officer.screenshot({ path: 'docs/console-service-inbox.png', fullPage: true });
    await row.getByRole('link').click();
    await officer.locator(`article[data-referral="${referralId}"]`).waitFor();
    expect(await officer.locator('dl.details').textContent()).not.toContain(trafficking.victims[0].idNumber); // no NIK for a shelter
    await officer.locator('#accept').click();
    await officer.locator(`article[data-referral="${referralId}"][data-state="accepted"]`).waitFor();
    // The case worker sees the acceptance on her open case page.
    await referrals.locator(`[data-referral="${referralId}"][data-state="accepted"]`).waitFor({ timeout: 20000 });
    expect(loads).toEqual([]);
    // Her timeline says it in the dictionary's words, never a raw code: the referral sent to the shelter and its answer.
    const shelterName = agencies.body.find((a) => a.id === shelter.agency)!.name;
    const accepted = page.locator('#timeline li[data-what="referral.accepted"]');
    await accepted.waitFor({ timeout: 20000 });
    expect(await accepted.textContent()).toContain(
      `${D.timelineEntry['referral.accepted']} (${fill(ID.timelineReceived, { agency: shelterName })})`,
    );
    expect(await page.locator('#timeline li[data-what="referral.requested"]').textContent()).toContain(
      fill(ID.timelineSent, { agency: shelterName }),
    );
    const entries = await page
      .locator('#timeline li[data-what]')
      .evaluateAll((items) => items.map((li) => ({ what: li.getAttribute('data-what')!, text: li.textContent ?? '' })));
    expect(entries.map((e) => e.what)).toEqual(expect.arrayContaining(['case.registered', 'consent.given', 'plan.services-added']));
    expect(entries.filter((e) => e.text.includes(e.what) || !e.text.includes((D.timelineEntry as Record<string, string>)[e.what]))).toEqual(
      [],
    );
    await page.screenshot({ path: 'docs/console-case.png', fullPage: true });
    // Facilities and rooms, by clicking (the shelter's supervisor sets them up): a children's room and an adults' room.
    const setup = await browser.context.newPage();
    await signIn(setup, 'chief', 'shelter');
    await setup.locator('.top nav').getByRole('link', { name: ID.navFacilities }).click();
    const addFacility = setup.locator('#add-facility');
    await addFacility.getByLabel(labelled(ID.facilityName)).fill('Rumah Aman Tanjungpinang');
    await choose(addFacility, ID.facilityKind, D.facilityKind['safe-house']);
    await addFacility.getByLabel(labelled(ID.facilityDistrict)).fill('Kota Tanjungpinang');
    await addFacility.getByRole('button', { name: ID.addFacility }).click();
    const facility = setup.locator('[data-facility]');
    await facility.waitFor();
    for (const [name, age, beds] of [
      ['Kamar Anak Perempuan', D.ageGroup.child, '2'],
      ['Kamar Dewasa', D.ageGroup.adult, '3'],
    ] as const) {
      const form = facility.locator('form.add-room');
      await form.getByLabel(labelled(ID.roomName)).fill(name);
      await choose(form, ID.roomSex, D.sex.female);
      await choose(form, ID.roomAgeGroup, age);
      await form.getByLabel(labelled(ID.roomBeds)).fill(beds);
      await form.getByRole('button', { name: ID.addRoom }).click();
      await facility.locator('li[data-room]', { hasText: name }).waitFor();
    }
    await setup.close();
    const rooms = await call<Array<{ rooms: Array<{ id: string; name: string; ageGroup: string }> }>>(
      'shelter',
      'GET',
      '/facilities',
      'worker',
    );
    const adults = rooms.body[0].rooms.find((r) => r.ageGroup === 'adult')!;
    // Admission with her safety plan into the adults' room (the children's room is not offered for a woman of 24).
    await officer.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/referrals/${id}`;
    }, referralId);
    const admit = officer.locator('#admit');
    await admit.getByLabel(labelled(ID.safetyPlan)).fill('Tidak menerima tamu; pelaku tidak boleh tahu alamat rumah aman.');
    await admit.locator('.select').locator('button').click();
    expect(await officer.getByRole('option', { name: /Kamar Anak Perempuan/ }).count()).toBe(0);
    await officer.getByRole('option', { name: /^Kamar Dewasa/ }).click();
    await admit.getByRole('button', { name: ID.admit }).click();
    await officer.locator(`#admission [data-room="${adults.id}"]`).waitFor();
    const stays = await call<Array<{ referralId: string; roomId: string; safetyPlan: string }>>('shelter', 'GET', '/admissions', 'worker');
    expect(stays.body.find((a) => a.referralId === referralId)).toMatchObject({
      roomId: adults.id,
      safetyPlan: expect.stringContaining('Tidak menerima tamu'),
    });
    // The bed board: one bed of the adults' room taken today.
    await officer.locator('.top nav').getByRole('link', { name: ID.navBoard }).click();
    await officer.locator(`#board [data-room="${adults.id}"][data-occupied="1"]`).waitFor();
    expect(await officer.locator('[data-room-group="female-adult"] li.bed.occupied').count()).toBe(1);
    expect(await officer.locator('[data-room-group="female-child"] li.bed.occupied').count()).toBe(0);
    await officer.screenshot({ path: 'docs/console-bed-board.png', fullPage: true });
    shelterPage = officer;
    shelterReferral = referralId;
  });

  it('health by clicking: the referral accepted, a visit recorded, and the police’s visum request issued with its number', async () => {
    const health = network.nodes.get('health')!;
    const law = network.nodes.get('legal-aid')!;
    const victimId = trafficking.victims[0].id;
    expect(
      (await call('intake', 'POST', `/cases/${trafficking.id}/plan`, 'worker', { victimId, services: ['health', 'law-enforcement'] }))
        .status,
    ).toBe(200);
    const refer = async (service: string, agencyId: string) => {
      const res = await call<{ id?: string }>('intake', 'POST', `/cases/${trafficking.id}/referrals`, 'worker', {
        victimId,
        service,
        agencyId,
      });
      expect(res.status).toBe(201);
      return res.body.id!;
    };
    const toHealth = await refer('health', health.agency);
    const toPolice = await refer('law-enforcement', law.agency);
    // The police accept theirs and ask this hospital for a visum (the legal-aid console's pages are not built yet: its API).
    await waitFor(
      'the referral at the police',
      async () => (await call('legal-aid', 'GET', `/referrals/${toPolice}`, 'worker')).status === 200,
    );
    expect((await call('legal-aid', 'POST', `/referrals/${toPolice}/accept`, 'worker')).status).toBe(200);
    const letter = `B/${randomBytes(2).toString('hex')}/XII/2026/Reskrim`;
    expect(
      (
        await call('legal-aid', 'POST', `/referrals/${toPolice}/visum-requests`, 'worker', {
          healthAgencyId: health.agency,
          kind: 'physical',
          letterNumber: letter,
          requestedOn: new Date().toISOString().slice(0, 10),
        })
      ).status,
    ).toBe(201);
    const doctor = await browser.context.newPage();
    doctor.on('pageerror', (e) => problems.push(`health page error: ${e.message}`));
    await signIn(doctor, 'worker', 'health');
    const row = doctor.locator(`tr[data-referral="${toHealth}"]`);
    await row.waitFor({ timeout: 30000 });
    await row.getByRole('link').click();
    await doctor.locator('#accept').click();
    await doctor.locator(`article[data-referral="${toHealth}"][data-state="accepted"]`).waitFor();
    const visit = doctor.locator('#record-visit');
    await choose(visit, ID.setting, D.visitSetting.emergency);
    await visit.getByRole('button', { name: ID.recordVisit }).click();
    await doctor.locator('#health-records [data-record="health-visit"]').waitFor();
    // The visum request, matched now that she is our accepted patient: issued with the report's number.
    await doctor.locator('.top nav').getByRole('link', { name: ID.navVisum }).click();
    const request = doctor.locator(`[data-visum][data-letter="${letter}"]`);
    await request.locator('form.issue-visum').waitFor({ timeout: 30000 });
    const number = `VER/${randomBytes(2).toString('hex')}/RSUD/XII/2026`;
    await request.getByLabel(labelled(ID.referenceNumber)).fill(number);
    await request.getByRole('button', { name: ID.issueVisum }).click();
    await doctor.locator(`[data-visum][data-letter="${letter}"][data-state="issued"]`).waitFor();
    await waitFor('the visum number at the police', async () => {
      const theirs = await call<Array<{ letterNumber: string; referenceNumber: string | null }>>(
        'legal-aid',
        'GET',
        '/visum-requests',
        'worker',
      );
      return theirs.body.some((r) => r.letterNumber === letter && r.referenceNumber === number);
    });
    healthPage = doctor;
    healthReferral = toHealth;
  });

  it('writes a note and a follow-up due today on the case page; the follow-up shows on her case list until marked done', async () => {
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, trafficking.id);
    const notes = page.locator('#notes');
    await notes.waitFor();
    const note = `Ibu korban menelepon ${randomBytes(3).toString('hex')}: korban ingin kembali sekolah.`;
    await type(notes, ID.noteBody, note);
    await notes.getByRole('button', { name: ID.writeNote }).click();
    await notes.locator('li[data-note]', { hasText: note }).waitFor();
    // A follow-up with no day: the field says so, nothing stored.
    await type(notes, ID.followUpTask, 'Telepon sekolah tentang pendaftaran');
    await notes.getByRole('button', { name: ID.setFollowUp }).click();
    await notes.locator('[aria-invalid="true"]').first().waitFor();
    expect((await call<{ followUps: unknown[] }>('intake', 'GET', `/cases/${trafficking.id}/notes`, 'worker')).body.followUps).toEqual([]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    await type(notes, ID.followUpDueOn, today);
    await notes.getByRole('button', { name: ID.setFollowUp }).click();
    const item = notes.locator('li[data-follow-up][data-state="due"]');
    await item.waitFor();
    expect(await item.textContent()).toContain(ID.followUpDueToday);
    await page.locator('#timeline li[data-what="follow-up.set"]').waitFor();
    expect(await page.locator('#timeline li[data-what="note.written"]').textContent()).toContain(D.timelineEntry['note.written']);

    // Her case list shows what is due, with the case's number, until it is done.
    await page.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    const due = page.locator('#due-title + ul li[data-state="due"]');
    await due.waitFor();
    expect(await due.textContent()).toContain('Telepon sekolah tentang pendaftaran');
    await due.getByRole('link').click();
    await page.locator('#notes li[data-follow-up]').getByRole('button', { name: ID.markFollowUpDone }).click();
    await page.locator('#notes li[data-follow-up][data-state="done"]').waitFor();
    await page.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await page.locator('#due-title').waitFor();
    await page.getByText(ID.noDueFollowUps).waitFor();
    // Back on the case, where the next test closes it.
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, trafficking.id);
    await page.locator('#closure').waitFor();
  });

  it('shows what needs her: her high-risk case past its first response, a referral no agency answered, a supervisor’s alert to acknowledge; a supervisor refers without consent with her reason from the live directory; finds a case by number', async () => {
    type Registered = { id: string; caseNumber: string; victims: Array<{ id: string }> };
    const reg = (await call<Registered>('intake', 'POST', '/cases', 'worker', walkInComplaint({ riskLevel: 'high' }))).body;
    const ref = await call<{ id: string }>('intake', 'POST', `/cases/${reg.id}/referrals`, 'worker', {
      victimId: reg.victims[0].id,
      service: 'health',
      agencyId: network.nodes.get('health')!.agency,
    });
    expect(ref.status).toBe(201);
    // Unanswered for 30 hours (REFERRAL_WAITING_HOURS is 24): the row's time moved back, as other tests move dates.
    await query(network.nodes.get('intake')!.database, `UPDATE referral SET created_at = now() - interval '30 hours' WHERE id = $1`, [
      ref.body.id,
    ]);
    await page.locator('.top nav').getByRole('link', { name: ID.navNeedsMe }).click();
    await page.locator(`section[data-list="overdue"] li[data-case="${reg.id}"]`).waitFor();
    const waiting = page.locator(`section[data-list="waiting"] li[data-referral="${ref.body.id}"]`);
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain(D.service.health);
    expect(await waiting.textContent()).toContain(reg.caseNumber);
    // A case worker sees no supervisors' alerts.
    expect(await page.locator('section[data-list="alerts"]').count()).toBe(0);

    // As agencies answer, her open home page shows it without a reload (its live stream): the shelter's acceptance
    // among what changed since she last looked, the hospital's decline among the referrals that still need an agency.
    await page.locator('p[data-live="on"]').waitFor();
    // The stream opens with a ticket only: none is a 400, a made-up one a 401.
    expect((await fetch(`${intake()}/me/live`)).status).toBe(400);
    expect((await fetch(`${intake()}/me/live?ticket=${randomBytes(24).toString('hex')}`)).status).toBe(401);
    const referTo = async (service: string, node: string) => {
      const res = await call<{ id: string }>('intake', 'POST', `/cases/${reg.id}/referrals`, 'worker', {
        victimId: reg.victims[0].id,
        service,
        agencyId: network.nodes.get(node)!.agency,
      });
      expect(res.status).toBe(201);
      await waitFor(`the referral at ${node}`, async () => (await call(node, 'GET', `/referrals/${res.body.id}`, 'worker')).status === 200);
      return res.body.id;
    };
    // The shelter by clicking, from her case page, the directory showing its free places by room group; then home.
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, reg.id);
    const referForm = page.locator('#referrals');
    await choose(
      referForm,
      ID.forVictim,
      (await call<{ victims: Array<{ name: string }> }>('intake', 'GET', `/cases/${reg.id}`, 'worker')).body.victims[0].name,
    );
    await choose(referForm, ID.service, D.service.shelter);
    const shelterId = network.nodes.get('shelter')!.agency;
    await referForm.locator(`.directory li[data-agency="${shelterId}"] li[data-room-group]`).first().waitFor();
    await choose(
      referForm,
      ID.agency,
      (await call<Array<{ id: string; name: string }>>('intake', 'GET', '/agencies', 'worker')).body.find((a) => a.id === shelterId)!.name,
    );
    await referForm.getByRole('button', { name: ID.refer }).click();
    const shelterRow = referForm.locator('[data-referral][data-state="requested"]', { hasText: D.service.shelter });
    await shelterRow.waitFor();
    const toShelter = (await shelterRow.getAttribute('data-referral'))!;
    await page.locator('.top nav').getByRole('link', { name: ID.navNeedsMe }).click();
    await page.locator('p[data-live="on"]').waitFor();
    await waitFor(
      'the referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${toShelter}`, 'worker')).status === 200,
    );
    expect((await call('shelter', 'POST', `/referrals/${toShelter}/accept`, 'worker')).status).toBe(200);
    const toClinic = await referTo('health', 'health');
    expect(
      (await call('health', 'POST', `/referrals/${toClinic}/decline`, 'worker', { code: 'no-capacity', reason: 'Dokter jaga cuti' }))
        .status,
    ).toBe(200);
    const accepted = page.locator(`section[data-list="changes"] li[data-case="${reg.id}"][data-what="referral.accepted"]`);
    await accepted.waitFor({ timeout: 30_000 });
    expect(await accepted.textContent()).toContain(reg.caseNumber);
    expect(await accepted.textContent()).toContain(D.timelineEntry['referral.accepted']);
    const declinedRow = page.locator(`section[data-list="declined"] li[data-referral="${toClinic}"]`);
    await declinedRow.waitFor({ timeout: 30_000 });
    expect(await declinedRow.textContent()).toContain(D.service.health);
    await page.locator(`section[data-list="changes"] li[data-case="${reg.id}"][data-what="referral.declined"]`).waitFor();
    // Nothing about her on the home page: case numbers, services and agencies only.
    expect(await page.locator('main').textContent()).not.toContain(
      (await call<{ victims: Array<{ name: string }> }>('intake', 'GET', `/cases/${reg.id}`, 'worker')).body.victims[0].name,
    );
    await page.screenshot({ path: 'docs/console-needs-me.png', fullPage: true });
    // Marked seen, what changed is gone from the list and from the API; what arrives after is listed again.
    await page.locator('.changes-seen').getByRole('button', { name: ID.markSeen }).click();
    await waitFor('the changes marked seen', async () => (await accepted.count()) === 0);
    expect((await call<{ changes: unknown[] }>('intake', 'GET', '/me/changes', 'worker')).body.changes).toEqual([]);
    for (const bad of [
      { upTo: 'yesterday', ids: [] },
      { upTo: '2026-W49-5', ids: [] },
      { upTo: new Date().toISOString(), ids: ['x'] },
    ]) {
      expect((await call('intake', 'POST', '/me/changes/seen', 'worker', bad)).status).toBe(400);
    }
    const toPolice = await referTo('law-enforcement', 'legal-aid');
    expect((await call('legal-aid', 'POST', `/referrals/${toPolice}/accept`, 'worker')).status).toBe(200);
    await accepted.waitFor({ timeout: 30_000 });
    // Her work lists on the case list: the declined referral, and the referral waiting 30 hours.
    await page.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await page.locator('label.react-aria-Radio', { hasText: ID.filterDeclined }).click();
    await page.locator(`table.list[data-list="declined"] a[href="#/cases/${reg.id}"]`).waitFor();
    await page.locator('label.react-aria-Radio', { hasText: ID.filterWaiting }).click();
    await page.locator(`table.list[data-list="waiting"] a[href="#/cases/${reg.id}"]`).waitFor();
    await page.locator('label.react-aria-Radio', { hasText: ID.filterOverdue }).click();
    await page.locator(`table.list[data-list="overdue"] a[href="#/cases/${reg.id}"]`).waitFor();
    await page.locator('.top nav').getByRole('link', { name: ID.navNeedsMe }).click();

    const chief = await browser.context.newPage();
    await signIn(chief, 'chief');
    await chief.locator('.top nav').getByRole('link', { name: ID.navNeedsMe }).click();
    const alert = chief.locator(`section[data-list="alerts"] li`, { has: chief.locator(`a[href="#/cases/${reg.id}"]`) }).filter({
      hasText: D.timelineEntry['alert.high-risk-registered'],
    });
    await alert.waitFor();
    await alert.getByRole('button', { name: ID.acknowledgeAlert }).click();
    await waitFor('the alert gone from the list', async () => (await alert.count()) === 0);
    const alerts = await call<Array<{ caseId: string; kind: string; acknowledgedAt: string | null }>>('intake', 'GET', '/alerts', 'chief');
    expect(alerts.body.find((a) => a.caseId === reg.id && a.kind === 'high-risk-registered')?.acknowledgedAt).toEqual(expect.any(String));
    // A supervisor refers a victim who gave no consent to services, with her reason; the directory shows the
    // shelter's free places by room group (its rooms were set up in an earlier test).
    const unconsented = (
      await call<Registered>('intake', 'POST', '/cases', 'chief', walkInComplaint({}, { consent: { services: false, statistics: true } }))
    ).body;
    await chief.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, unconsented.id);
    const refer = chief.locator('#referrals');
    await choose(
      refer,
      ID.forVictim,
      (await call<{ victims: Array<{ name: string }> }>('intake', 'GET', `/cases/${unconsented.id}`, 'chief')).body.victims[0].name,
    );
    await choose(refer, ID.service, D.service.shelter);
    const shelterAgency = network.nodes.get('shelter')!.agency;
    await refer.locator(`.directory li[data-agency="${shelterAgency}"] li[data-room-group]`).first().waitFor();
    await refer.locator('[data-consent-check="missing"]').waitFor();
    const agencyList = await call<Array<{ id: string; name: string }>>('intake', 'GET', '/agencies', 'chief');
    await choose(refer, ID.agency, agencyList.body.find((a) => a.id === shelterAgency)!.name);
    await type(refer, ID.consentOverrideReason, 'Korban tidak sadar; keluarga meminta rumah aman malam ini.');
    await refer.screenshot({ path: 'docs/console-refer.png' });
    await refer.getByRole('button', { name: ID.refer }).click();
    await refer.locator('[data-referral][data-state="requested"]').waitFor();
    const overridden = await call<{ referrals: Array<{ consentOverrideReason?: string | null }> }>(
      'intake',
      'GET',
      `/cases/${unconsented.id}`,
      'chief',
    );
    expect(JSON.stringify(overridden.body)).toContain('Korban tidak sadar');
    await chief.close();

    // Her case list finds a case by its number.
    await page.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await page.getByRole('textbox', { name: ID.searchNumber }).fill(reg.caseNumber);
    await page.getByRole('button', { name: ID.search, exact: true }).click();
    await page.locator(`table.list a[href="#/cases/${reg.id}"]`).waitFor();
    expect(await page.locator('table.list tbody tr').count()).toBe(1);
    // Back on the case the next test closes.
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, trafficking.id);
    await page.locator('#closure').waitFor();
  });

  it('records the first response, a further report (its field errors first, nothing stored) and a revocation from the case page', async () => {
    type Registered = { id: string; caseNumber: string; victims: Array<{ id: string; name: string }> };
    const reg = (await call<Registered>('intake', 'POST', '/cases', 'worker', walkInComplaint({ riskLevel: 'medium' }))).body;
    const ref = await call<{ id: string }>('intake', 'POST', `/cases/${reg.id}/referrals`, 'worker', {
      victimId: reg.victims[0].id,
      service: 'health',
      agencyId: network.nodes.get('health')!.agency,
    });
    expect(ref.status).toBe(201);
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, reg.id);
    await page.locator(`article[data-case="${reg.id}"]`).waitFor();
    // The triage clock: its deadline shown, stopped by one click.
    await page.locator('[data-first-response="waiting"]').getByRole('button', { name: ID.recordFirstResponse }).click();
    await page.locator('[data-first-response="given"]').waitFor();
    const view = async () =>
      (await call<{ firstRespondedAt: string | null; reports: unknown[] }>('intake', 'GET', `/cases/${reg.id}`, 'worker')).body;
    expect((await view()).firstRespondedAt).toEqual(expect.any(String));
    // A further report: the district left out and a bad NIK are shown at their fields, and nothing is stored.
    const reports = page.locator('#reports');
    await choose(reports, ID.channel, D.channel.hotline);
    await type(reports, ID.name, reg.victims[0].name);
    await choose(reports, ID.sex, D.sex.female);
    await type(reports, ID.ageYears, '30');
    await type(reports, ID.idNumber, '12345');
    await reports.getByRole('button', { name: ID.attachReport }).click();
    await reports.locator('[role="alert"]').first().waitFor();
    expect(await reports.getByLabel(labelled(ID.victimDistrict)).first().getAttribute('aria-invalid')).toBe('true');
    expect((await view()).reports).toHaveLength(1);
    await type(reports, ID.idNumber, '');
    await type(reports, ID.victimDistrict, 'Kota Tanjungpinang');
    await reports.getByRole('button', { name: ID.attachReport }).click();
    await page.locator('#timeline li[data-what="case.report-attached"]').waitFor();
    expect((await view()).reports).toHaveLength(2);
    // Revoking the referral still waiting at the hospital: the agency is told, the case shows it revoked.
    const referrals = page.locator('#referrals');
    await referrals.locator('details.revoke summary').click();
    await choose(
      referrals.locator('details.revoke'),
      ID.referralToRevoke,
      `${reg.victims[0].name}: ${D.service.health} → ${
        (await call<Array<{ id: string; name: string }>>('intake', 'GET', '/agencies', 'worker')).body.find(
          (a) => a.id === network.nodes.get('health')!.agency,
        )!.name
      }`,
    );
    await type(referrals.locator('details.revoke'), ID.revokeReason, 'Korban memilih klinik dekat rumahnya.');
    await referrals.locator('details.revoke').getByRole('button', { name: ID.revoke, exact: true }).click();
    await referrals.locator(`[data-referral="${ref.body.id}"][data-state="revoked"]`).waitFor();
    await waitFor('the revocation at the hospital', async () => {
      const there = await call<{ state: string }>('health', 'GET', `/referrals/${ref.body.id}`, 'worker');
      return there.body?.state === 'revoked';
    });
    // Back on the case the next test closes.
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, trafficking.id);
    await page.locator('#closure').waitFor();
  });

  it('refuses to close while a referral is open, and closes with a supervisor’s override reason', async () => {
    const closure = page.locator('#closure');
    await type(closure, ID.closureNote, 'Korban aman di rumah aman; pendampingan hukum berlanjut.');
    await closure.getByRole('button', { name: ID.closeCase }).click();
    await closure.locator('[role="alert"]').waitFor();
    expect(await page.locator('article[data-case]').getAttribute('data-status')).not.toBe('closed');
    const chief = await browser.context.newPage();
    await signIn(chief, 'chief');
    await chief.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, trafficking.id);
    const theirs = chief.locator('#closure');
    await theirs.getByLabel(labelled(ID.closureNote)).fill('Korban kembali ke keluarga; rujukan penampungan diteruskan.');
    await theirs.getByLabel(labelled(ID.overrideReason)).fill('Korban pindah ke provinsi lain; rumah aman dilanjutkan di sana.');
    await theirs.getByRole('button', { name: ID.closeCase }).click();
    await chief.locator('article[data-case][data-status="closed"]').waitFor();
    const stored = await call<{ status: string; closure: { overrideReason: string } }>(
      'intake',
      'GET',
      `/cases/${trafficking.id}`,
      'chief',
    );
    expect(stored.body.status).toBe('closed');
    expect(stored.body.closure.overrideReason).toContain('pindah ke provinsi lain');
    await chief.close();
  });

  it('hands a case over to another UPTD PPA by clicking, accepted in its supervisor’s console; a supervisor reopens a closed case', async () => {
    // A complaint of one woman who agrees to her data being shared with the unit of her home region.
    await openForm();
    const who = person();
    await fillComplaint([who], { trafficking: false });
    await page.locator('#submit-complaint').click();
    const id = (await (await page.waitForSelector('article[data-case]')).getAttribute('data-case'))!;
    const her = page.locator('[data-victim-id]').first();
    await choose(her, ID.purpose, D.consentPurpose.disclosure);
    await her.getByRole('button', { name: ID.giveConsent }).click();
    await her.locator('[data-consent="disclosure"]').waitFor();
    // A case worker sees no incoming hand-overs and no reopening.
    expect(await page.locator('.top nav').getByRole('link', { name: ID.navHandovers }).count()).toBe(0);
    const handOver = page.locator('#handover');
    await choose(handOver, ID.handOverTo, LOMBOK.name);
    await type(handOver, ID.handOverReason, 'Korban pulang ke Lombok Timur minggu depan dan tinggal bersama orang tuanya.');
    await handOver.getByRole('button', { name: ID.requestHandOver }).click();
    const sent = handOver.locator('li[data-handover][data-state="requested"]');
    await sent.waitFor();
    expect(await sent.textContent()).toContain(LOMBOK.name);
    const handoverId = (await sent.getAttribute('data-handover'))!;
    // Lombok Timur's supervisor finds it in her console, reads the case as sent, and accepts it.
    const receiver = await browser.context.newPage();
    receiver.on('pageerror', (e) => problems.push(`receiver page error: ${e.message}`));
    await signIn(receiver, 'chief', LOMBOK.id);
    await receiver.locator('.top nav').getByRole('link', { name: ID.navHandovers }).click();
    const row = receiver.locator(`tr[data-handover="${handoverId}"][data-state="requested"]`);
    await row.waitFor({ timeout: 30000 });
    await row.getByRole('link').click();
    const incoming = receiver.locator(`article[data-handover="${handoverId}"]`);
    await incoming.waitFor();
    expect(await incoming.locator('dl.details').textContent()).toContain(who.name);
    const found: string[] = [];
    for (const lang of ['id', 'en'] as const) {
      if ((await receiver.locator(`body[data-lang="${lang}"]`).count()) === 0) await receiver.locator('#language-switch').click();
      await receiver.locator(`body[data-lang="${lang}"]`).waitFor();
      found.push(...(await axeViolations(receiver)).map((v) => `${lang} hand-over: ${v}`));
    }
    await receiver.locator('#language-switch').click();
    await receiver.locator('body[data-lang="id"]').waitFor();
    await receiver.locator('#accept-handover').getByRole('button', { name: ID.acceptHandOver }).click();
    await receiver.locator('article[data-case]').waitFor();
    expect(await receiver.locator('[data-victim-id] h3').first().textContent()).toBe(who.name);
    await receiver.locator('.top nav').getByRole('link', { name: ID.navHandovers }).click();
    await receiver.locator(`tr[data-handover="${handoverId}"][data-state="accepted"]`).waitFor();
    found.push(...(await axeViolations(receiver)).map((v) => `id incoming hand-overs: ${v}`));
    expect(found).toEqual([]);
    await receiver.close();
    // The sender's open case page sees the answer come: the case closed here, handed over; the timeline says so.
    await handOver.locator(`li[data-handover="${handoverId}"][data-state="accepted"]`).waitFor({ timeout: 30000 });
    await page.locator(`article[data-case="${id}"][data-status="closed-referred"]`).waitFor();
    const answer = page.locator('#timeline li[data-what="case.handover-accepted"]');
    await answer.waitFor();
    expect(await answer.textContent()).toContain(
      `${D.timelineEntry['case.handover-accepted']} (${fill(ID.timelineReceived, { agency: LOMBOK.name })})`,
    );
    expect(await page.locator('#reopen').count()).toBe(0);
    // The supervisor here reopens the trafficking case closed above: she came back for help.
    const chief = await browser.context.newPage();
    await signIn(chief, 'chief');
    await chief.evaluate((caseId) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${caseId}`;
    }, trafficking.id);
    await chief.locator('article[data-case][data-status="closed"]').waitFor();
    const reopen = chief.locator('#reopen');
    await reopen.getByLabel(labelled(ID.reopenReason)).fill('Korban kembali meminta pendampingan hukum.');
    await reopen.getByRole('button', { name: ID.reopen }).click();
    await chief.locator('article[data-case][data-status="open"]').waitFor();
    await chief.locator('#timeline li[data-what="case.reopened"]', { hasText: D.timelineEntry['case.reopened'] }).waitFor();
    const stored = await call<{ status: string }>('intake', 'GET', `/cases/${trafficking.id}`, 'chief');
    expect(stored.body.status).toBe('open');
    await chief.close();
  });

  it('has no serious or critical accessibility violation (axe-core) on intake’s form, case and what-needs-me page and every shelter and health page, in either language', async () => {
    const found: string[] = [];
    for (const lang of ['id', 'en'] as const) {
      await page.locator('body[data-lang]').waitFor();
      if ((await page.locator(`body[data-lang="${lang}"]`).count()) === 0) await page.locator('#language-switch').click();
      await page.locator(`body[data-lang="${lang}"]`).waitFor();
      await page.evaluate((id) => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
      }, trafficking.id);
      await page.waitForSelector('article[data-case]');
      await page.locator('#timeline li[data-what="case.registered"]').waitFor();
      expect(await page.locator('#timeline li[data-what="case.registered"]').textContent()).toContain(
        DICTIONARY[lang].timelineEntry['case.registered'],
      );
      found.push(...(await axeViolations()).map((v) => `${lang} case: ${v}`));
      await page.evaluate(() => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = '#/needs-me';
      });
      await page.locator('section[data-list="overdue"]').waitFor();
      found.push(...(await axeViolations()).map((v) => `${lang} what needs me: ${v}`));
      for (const filter of ['mine', 'declined'] as const) {
        await page.evaluate(() => {
          (globalThis as unknown as { location: { hash: string } }).location.hash = '#/cases';
        });
        await page.locator(`label[data-filter="${filter}"]`).click();
        await page.locator(`table.list[data-list="${filter}"]`).waitFor();
        found.push(...(await axeViolations()).map((v) => `${lang} case list (${filter}): ${v}`));
      }
      await page
        .getByRole('link', { name: (lang === 'id' ? ID : EN).navRegister })
        .first()
        .click();
      await page.waitForSelector('#register-title');
      expect(await page.locator('#register-title').textContent()).toBe((lang === 'id' ? ID : EN).registerTitle);
      found.push(...(await axeViolations()).map((v) => `${lang} form: ${v}`));
    }
    // The shelter's console: every page of its role, in both languages.
    const officer = shelterPage;
    const go = (hash: string) =>
      officer.evaluate((h) => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = h;
      }, hash);
    for (const lang of ['id', 'en'] as const) {
      if ((await officer.locator(`body[data-lang="${lang}"]`).count()) === 0) await officer.locator('#language-switch').click();
      await officer.locator(`body[data-lang="${lang}"]`).waitFor();
      const words = lang === 'id' ? ID : EN;
      for (const [hash, ready] of [
        ['#/inbox/new', 'section[data-inbox="new"]'],
        ['#/inbox/mine', `section[data-inbox="mine"] tr[data-referral="${shelterReferral}"]`],
        ['#/inbox/state/accepted', 'section[data-inbox="accepted"]'],
        [`#/referrals/${shelterReferral}`, `article[data-referral="${shelterReferral}"] #admission [data-admission]`],
        ['#/board', '#board [data-room]'],
        ['#/residents', '#residents-title'],
        ['#/facilities', '[data-facility]'],
      ] as const) {
        await go(hash);
        await officer.locator(ready).first().waitFor();
        found.push(...(await axeViolations(officer)).map((v) => `${lang} shelter ${hash}: ${v}`));
      }
      expect(await officer.locator('#board-title, #facilities-title').first().textContent()).toBe(words.facilitiesTitle);
    }
    // The health node's console, the same way.
    for (const lang of ['id', 'en'] as const) {
      if ((await healthPage.locator(`body[data-lang="${lang}"]`).count()) === 0) await healthPage.locator('#language-switch').click();
      await healthPage.locator(`body[data-lang="${lang}"]`).waitFor();
      for (const [hash, ready] of [
        ['#/inbox/new', 'section[data-inbox="new"]'],
        ['#/inbox/mine', `section[data-inbox="mine"] tr[data-referral="${healthReferral}"]`],
        [`#/referrals/${healthReferral}`, '#health-records [data-record]'],
        ['#/visum', '[data-visum][data-state="issued"]'],
      ] as const) {
        await healthPage.evaluate((h) => {
          (globalThis as unknown as { location: { hash: string } }).location.hash = h;
        }, hash);
        await healthPage.locator(ready).first().waitFor();
        found.push(...(await axeViolations(healthPage)).map((v) => `${lang} health ${hash}: ${v}`));
      }
    }
    expect(found).toEqual([]);
    await page.locator('#language-switch').click();
    await page.locator('body[data-lang="id"]').waitFor();
  });

  it('keeps working after its first access token has expired (refreshed while she works)', async () => {
    // Clicks count as work: the console refreshes before the token ends.
    await waitFor(
      'the first access token to expire',
      async () => {
        await page.locator('.top nav a').first().click();
        return Date.now() > firstTokenExpiresAt + 2000;
      },
      120_000,
      2000,
    );
    await page.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await page.locator('table.list').waitFor();
    expect(await page.locator('body').getAttribute('data-session')).toBe('signed-in');
    expect(Number(await page.locator('body').getAttribute('data-refreshes'))).toBeGreaterThanOrEqual(1);
  }, 150_000);

  it('signs out at the node: the session’s token no longer works', async () => {
    let bearer = '';
    page.on('request', (r) => {
      const a = r.headers()['authorization'];
      if (a) bearer = a;
    });
    await page.locator('.top nav').getByRole('link', { name: ID.navRegister }).click();
    await page.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await page.locator('table.list').waitFor();
    await waitFor('a call with her token', () => bearer !== '');
    expect((await fetch(`${intake()}/cases`, { headers: { authorization: bearer } })).status).toBe(200);
    await page.locator('#sign-out').click();
    await page.waitForSelector('body[data-session="signed-out"]');
    expect((await fetch(`${intake()}/cases`, { headers: { authorization: bearer } })).status).toBe(401);
  });

  it('signs a disabled account’s open console out at its next call', async () => {
    const other = await browser.context.newPage();
    await signIn(other, 'leaver');
    await other.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await other.locator('#cases-title').waitFor();
    expect((await call('intake', 'POST', `/staff/${ids.get('leaver')}/disable`, 'admin')).status).toBe(204);
    await other.locator('.top nav').getByRole('link', { name: ID.navRegister }).click();
    await other.locator('.top nav').getByRole('link', { name: ID.navCases }).click();
    await other.waitForSelector('body[data-session="signed-out"]');
    expect(await other.locator('#signed-out-reason').textContent()).toBe(ID.signedOutEnded);
    await other.close();
    // Refused calls the tests made on purpose (the field errors' 400, the refused closure's 409, the disabled account's 401) are the only complaints:
    // no content-policy refusal, no script error.
    expect(problems.filter((p) => !/Failed to load resource: the server responded with a status of 40[019]/.test(p))).toEqual([]);
  });
});
