import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { DICTIONARY } from '@rujukan/contracts';
import type { Network } from '../../scripts/network/start-network.js';
import { launchChromium } from '../support/chromium.js';
import { walkInComplaint } from '../support/complaint.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';

const ID = DICTIONARY.id.console;
const EN = DICTIONARY.en.console;
const D = DICTIONARY.id;

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
/** A day in the intake node's calendar (Asia/Jakarta), `days` from today. */
const dayInJakarta = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + days * 86_400_000));

/**
 * The UPTD PPA's own functions in its console, in a real browser against a
 * real intake node: an outreach visit recorded by clicking and found in the
 * month's list; on a case, an accompaniment and a mediation recorded and
 * listed; a mediation in a sexual violence case refused with the
 * dictionary's words and nothing stored; bad input shown at its fields with
 * nothing stored; no serious or critical axe-core violation, in either language.
 */
describe('the UPTD PPA console: outreach, mediation and accompaniment', () => {
  let network: Network;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const problems: string[] = [];
  let token = '';
  let password = '';
  let workerId = '';
  let household: { id: string; caseNumber: string; victims: Array<{ id: string; name: string }> };
  let sexual: { id: string; caseNumber: string; victims: Array<{ id: string; name: string }> };
  const intake = () => network.nodes.get('intake')!;

  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${intake().url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const count = async (table: string, caseId?: string) =>
    Number(
      (
        await query<{ n: string }>(
          intake().database,
          `SELECT count(*) n FROM ${table}${caseId ? ' WHERE case_id = $1' : ''}`,
          caseId ? [caseId] : [],
        )
      )[0].n,
    );

  /** Chooses an option of a React Aria Select by clicking it open, then the option. */
  async function choose(scope: Locator | Page, label: string, option: string, dict = ID) {
    const owner = 'keyboard' in scope ? scope : scope.page();
    await scope
      .locator('.select')
      .filter({ has: owner.locator('.react-aria-Label', { hasText: labelled(label, dict) }) })
      .first()
      .locator('button')
      .click();
    await owner.getByRole('option', { name: option, exact: true }).click();
  }
  const tick = (scope: Locator | Page, name: string) => scope.locator('label.react-aria-Checkbox', { hasText: name }).first().click();
  const type = (scope: Locator | Page, label: string, value: string) => scope.getByLabel(labelled(label)).first().fill(value);
  const fieldError = (scope: Locator, label: string) =>
    scope.locator('.field', { has: page.getByLabel(labelled(label)) }).locator('.react-aria-FieldError');
  const go = (hash: string) =>
    page.evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, hash);

  async function axeViolations(): Promise<string[]> {
    await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8')); // evaluated by the test: the page's policy refuses inline scripts
    const result = await page.evaluate(() => {
      const g = globalThis as unknown as AxeGlobals;
      return g.axe.run(g.document, { resultTypes: ['violations'] });
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  beforeAll(async () => {
    network = await startSevenNodes({ label: 'console_functions', statisticsKey: randomBytes(32).toString('hex'), roles: ['intake'] });
    const staff = await signInStaff(network, [{ username: 'worker', role: 'case-worker' }]);
    const worker = staff.get('intake/worker')!;
    token = worker.token;
    password = worker.password;
    workerId = worker.id;
    const register = async (body: unknown) => {
      const res = await call<{ id: string; caseNumber: string; victims: Array<{ id: string; name: string }> }>('POST', '/cases', body);
      expect(res.status).toBe(201);
      return res.body;
    };
    household = await register(walkInComplaint());
    sexual = await register(walkInComplaint({ incident: { violenceTypes: ['sexual', 'physical'], place: 'household' } }));

    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${intake().url}/`);
    await page.getByLabel(labelled(ID.username)).fill('worker');
    await page.getByLabel(labelled(ID.password)).fill(password);
    await page.getByRole('button', { name: ID.signIn, exact: true }).click();
    await page.waitForSelector('body[data-session="signed-in"]');
  }, 240_000);

  afterAll(async () => {
    if (problems.length) process.stderr.write(`the page's console:\n${problems.join('\n')}\n`);
    await browser?.close();
    await removeSevenNodes(network);
  });

  it('records an outreach visit by clicking, her own account as the staff who went, and shows it in the month’s list', async () => {
    await page.locator('.top nav').getByRole('link', { name: ID.navOutreach }).click();
    await page.locator('#outreach-title').waitFor();
    const form = page.locator('#record-outreach');
    expect(await form.getByLabel(labelled(ID.staffWent)).inputValue()).toBe(workerId);
    const place = `Pelabuhan Sri Bintan Pura ${randomBytes(3).toString('hex')}`;
    const today = dayInJakarta();
    await type(form, ID.outreachVisitedOn, today);
    await type(form, ID.outreachDistrict, 'Kota Tanjungpinang');
    await type(form, ID.outreachPlace, place);
    await choose(form, ID.outreachOutcome, D.outreachOutcome['complaint-received']);
    await type(form, ID.complaintsTaken, '1');
    await choose(form, ID.outreachCase, household.caseNumber);
    await type(form, ID.functionNote, 'Sosialisasi di ruang tunggu pelabuhan');
    const answered = page.waitForResponse((r) => r.url().endsWith('/outreach-visits') && r.request().method() === 'POST');
    await form.getByRole('button', { name: ID.saveOutreach }).click();
    expect((await answered).status()).toBe(201);
    const row = page.locator('#outreach-list tr[data-visit]', { hasText: place });
    await row.waitFor();
    expect(await row.textContent()).toContain(D.outreachOutcome['complaint-received']);
    expect(await row.textContent()).toContain(household.caseNumber);

    // Through the API: the month's visits hold it, as she recorded it.
    const month = today.slice(0, 7);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const listed = await call<Array<Record<string, unknown>>>('GET', `/outreach-visits?from=${month}-01&to=${month}-${last}`);
    expect(listed.status).toBe(200);
    expect(listed.body.find((v) => v.place === place)).toMatchObject({
      visitedOn: today,
      district: 'Kota Tanjungpinang',
      staff: [workerId],
      outcome: 'complaint-received',
      complaints: 1,
      caseId: household.id,
      note: 'Sosialisasi di ruang tunggu pelabuhan',
    });

    // Another period (the month before) does not list it; this month's again does.
    const list = page.locator('#outreach-list');
    const before = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1)).toISOString().slice(0, 10);
    await type(list, ID.periodFrom, before);
    await type(list, ID.periodTo, `${before.slice(0, 8)}28`);
    await list.getByRole('button', { name: ID.showPeriod }).click();
    await list.getByText(ID.noOutreach).waitFor();
    await type(list, ID.periodFrom, `${month}-01`);
    await type(list, ID.periodTo, `${month}-${last}`);
    await list.getByRole('button', { name: ID.showPeriod }).click();
    await row.waitFor();
  });

  it('shows the API’s errors at the outreach form’s fields (a day after today, a place too short), with nothing stored', async () => {
    const form = page.locator('#record-outreach');
    const stored = await count('outreach_visit');
    await type(form, ID.outreachVisitedOn, dayInJakarta(2));
    await type(form, ID.outreachDistrict, 'Kota Tanjungpinang');
    await type(form, ID.outreachPlace, 'x');
    await choose(form, ID.outreachOutcome, D.outreachOutcome['information-given']);
    const answered = page.waitForResponse((r) => r.url().endsWith('/outreach-visits') && r.request().method() === 'POST');
    await form.getByRole('button', { name: ID.saveOutreach }).click();
    const res = await answered;
    expect(res.status()).toBe(400);
    expect(Object.keys(((await res.json()) as { fields: Record<string, string[]> }).fields)).toEqual(['place']);
    await fieldError(form, ID.outreachPlace).filter({ hasText: D.fieldRule.minLength }).waitFor();
    // The place put right, the day is the service's to refuse: the node's calendar says it is after today.
    await type(form, ID.outreachPlace, 'SMP Negeri 4 Tanjungpinang');
    const again = page.waitForResponse((r) => r.url().endsWith('/outreach-visits') && r.request().method() === 'POST');
    await form.getByRole('button', { name: ID.saveOutreach }).click();
    expect((await again).status()).toBe(400);
    await fieldError(form, ID.outreachVisitedOn).filter({ hasText: D.fieldRule['visitedOn.invalid'] }).waitFor();
    expect(await form.getByLabel(labelled(ID.outreachVisitedOn)).getAttribute('aria-invalid')).toBe('true');
    await form.locator('[role="alert"]').waitFor();
    expect(await count('outreach_visit')).toBe(stored);
    // A period that ends before it begins: the API's words at its first day, the list as it was.
    const list = page.locator('#outreach-list');
    const shown = await list.locator('table').getAttribute('data-from');
    await type(list, ID.periodFrom, '2026-03-02');
    await type(list, ID.periodTo, '2026-03-01');
    await list.getByRole('button', { name: ID.showPeriod }).click();
    await fieldError(list, ID.periodFrom).filter({ hasText: D.fieldRule['from.invalid'] }).waitFor();
    expect(await list.locator('table').getAttribute('data-from')).toBe(shown);
  });

  it('records an accompaniment and a mediation on a case page, listed in the section and the timeline; an agreement without its words is refused at its field', async () => {
    await go(`#/cases/${household.id}`);
    const section = page.locator('#functions');
    await section.waitFor();
    await section.getByText(ID.noAccompaniments).waitFor();

    const accompany = section.locator('#record-accompaniment');
    expect(await accompany.getByLabel(labelled(ID.staffAccompanying)).inputValue()).toBe(workerId);
    await choose(accompany, ID.accompanimentDestination, D.accompanimentDestination.police);
    await accompany.getByLabel(labelled(ID.staffAccompanying)).fill(`${workerId}\nIbu Sari (paralegal)`);
    await accompany.getByRole('button', { name: ID.recordAccompaniment }).click();
    const accompanied = section.locator('li[data-accompaniment="police"]');
    await accompanied.waitFor();
    expect(await accompanied.textContent()).toContain(D.accompanimentDestination.police);
    expect(await accompanied.textContent()).toContain(household.victims[0].name);
    expect(
      await query(intake().database, 'SELECT victim_id AS "victimId", destination, staff FROM accompaniment WHERE case_id = $1', [
        household.id,
      ]),
    ).toEqual([{ victimId: household.victims[0].id, destination: 'police', staff: [workerId, 'Ibu Sari (paralegal)'] }]);

    const mediate = section.locator('#record-mediation');
    await tick(mediate, D.mediationParty.victim);
    await tick(mediate, D.mediationParty.family);
    await choose(mediate, ID.mediationOutcome, D.mediationOutcome.agreement);
    // An agreement with no words: the API names the field, nothing is stored.
    const refused = page.waitForResponse((r) => r.url().endsWith('/mediations') && r.request().method() === 'POST');
    await mediate.getByRole('button', { name: ID.recordMediation }).click();
    expect((await refused).status()).toBe(400);
    await fieldError(mediate, ID.mediationAgreement).filter({ hasText: D.fieldRule['agreement.isString'] }).waitFor();
    expect(await count('mediation_session', household.id)).toBe(0);

    await type(mediate, ID.mediationAgreement, 'Suami tidak mendatangi rumah orang tua korban; nafkah anak dibayar tiap bulan.');
    await mediate.getByRole('button', { name: ID.recordMediation }).click();
    const mediated = section.locator('li[data-mediation="agreement"]');
    await mediated.waitFor();
    expect(await mediated.textContent()).toContain(`${D.mediationParty.victim}, ${D.mediationParty.family}`);
    expect(
      await query(
        intake().database,
        'SELECT victim_id AS "victimId", parties, outcome, agreement FROM mediation_session WHERE case_id = $1',
        [household.id],
      ),
    ).toEqual([
      {
        victimId: household.victims[0].id,
        parties: ['victim', 'family'],
        outcome: 'agreement',
        agreement: 'Suami tidak mendatangi rumah orang tua korban; nafkah anak dibayar tiap bulan.',
      },
    ]);
    await page.locator('#timeline li[data-what="mediation.recorded"]').waitFor();
    await page.locator('#timeline li[data-what="accompaniment.recorded"]').waitFor();
    // Through the API: the case's timeline has both, about her.
    const timeline = await call<Array<{ what: string; victimId?: string }>>('GET', `/cases/${household.id}/timeline`);
    expect(timeline.body.filter((e) => e.what === 'mediation.recorded' || e.what === 'accompaniment.recorded')).toEqual([
      expect.objectContaining({ what: 'accompaniment.recorded', victimId: household.victims[0].id }),
      expect.objectContaining({ what: 'mediation.recorded', victimId: household.victims[0].id }),
    ]);
  });

  it('refuses a mediation in a sexual violence case with the dictionary’s words (UU 12/2022), and stores nothing', async () => {
    await go(`#/cases/${sexual.id}`);
    const section = page.locator('#functions');
    await section.locator('[data-no-mediation]').waitFor();
    expect(await section.locator('[data-no-mediation]').textContent()).toBe(ID.noMediationInSexualViolence);
    const mediate = section.locator('#record-mediation');
    await tick(mediate, D.mediationParty.victim);
    await tick(mediate, D.mediationParty.perpetrator);
    await choose(mediate, ID.mediationOutcome, D.mediationOutcome['no-agreement']);
    const answered = page.waitForResponse((r) => r.url().endsWith('/mediations') && r.request().method() === 'POST');
    await mediate.getByRole('button', { name: ID.recordMediation }).click();
    expect((await answered).status()).toBe(422);
    const alert = section.locator('[role="alert"]', { hasText: ID.mediationRefused });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(ID.mediationRefused);
    expect(await count('mediation_session', sexual.id)).toBe(0);
    // An accompaniment is what she does here instead: to the police.
    await choose(section.locator('#record-accompaniment'), ID.accompanimentDestination, D.accompanimentDestination.police);
    await section.getByRole('button', { name: ID.recordAccompaniment }).click();
    await section.locator('li[data-accompaniment="police"]').waitFor();
    expect(await count('accompaniment', sexual.id)).toBe(1);
  });

  it('has no serious or critical accessibility violation (axe-core) on the outreach page and the case page’s functions, in either language', async () => {
    const found: string[] = [];
    for (const lang of ['id', 'en'] as const) {
      if ((await page.locator(`body[data-lang="${lang}"]`).count()) === 0) await page.locator('#language-switch').click();
      await page.locator(`body[data-lang="${lang}"]`).waitFor();
      const words = lang === 'id' ? ID : EN;
      await go('#/outreach');
      await page.locator('#outreach-list tr[data-visit]').first().waitFor();
      expect(await page.locator('#outreach-title').textContent()).toBe(words.outreachTitle);
      expect(await page.locator('#outreach-list td', { hasText: DICTIONARY[lang].outreachOutcome['complaint-received'] }).count()).toBe(1);
      found.push(...(await axeViolations()).map((v) => `${lang} outreach: ${v}`));
      await go(`#/cases/${household.id}`);
      await page.locator('#functions li[data-mediation="agreement"]').waitFor();
      expect(await page.locator('#functions-title').textContent()).toBe(words.functionsTitle);
      expect(await page.locator('#functions li[data-accompaniment="police"]').textContent()).toContain(
        DICTIONARY[lang].accompanimentDestination.police,
      );
      found.push(...(await axeViolations()).map((v) => `${lang} case functions: ${v}`));
      await go(`#/cases/${sexual.id}`);
      await page.locator('#functions [data-no-mediation]').waitFor();
      found.push(...(await axeViolations()).map((v) => `${lang} sexual violence case functions: ${v}`));
    }
    expect(found).toEqual([]);
    await page.locator('#language-switch').click();
    await page.locator('body[data-lang="id"]').waitFor();
  });
});
