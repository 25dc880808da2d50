import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import { DICTIONARY, HIDDEN_MARK, type Dictionary } from '@rujukan/contracts';
import type { Network } from '../../scripts/network/start-network.js';
import { launchChromium } from '../support/chromium.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

type CellValue = number | string;
type Shown = {
  id: string;
  rows: string[];
  columns: string[];
  values: Record<string, Record<string, CellValue>>;
  note?: Record<'id' | 'en', string>;
};
type Drawn = Record<string, { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }>; axes: string[] }>;
type Performance = { referrals: number; open: number; medianHoursToAccept: number | null; medianDaysToComplete: number | null };

/** The page's globals as the tests read them (the test code is compiled without the DOM library). */
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
}
interface PageGlobals {
  __charts: Record<
    string,
    {
      data: { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> };
      options: { scales: Record<string, { title?: { text?: string } }> };
    }
  >;
  document: { documentElement: PageElement; title: string; querySelectorAll(selector: string): ArrayLike<PageElement> };
  axe: {
    run(
      context: unknown,
      options: unknown,
    ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }>;
  };
}

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

/** The charts drawn on a table: which columns become series (the rest of the table's, less the total). */
const TABLE_CHARTS = [
  'cases-by-month',
  'cases-by-violence-type',
  'victims-by-age-and-sex',
  'children-as-victims-and-perpetrators',
  'trafficking-victims',
];

/**
 * The task force's dashboard in a real browser (Debian's Chromium driven by
 * playwright-core): served by the reporting node itself, fed with real
 * events from intake and the shelter. The numbers drawn are read from the
 * Chart.js objects and compared with the API's; the public view never draws
 * or prints a suppressed cell; the language switch changes every label; axe
 * finds no serious violation; a screenshot goes to docs/dashboard.png.
 */
describe('the task force dashboard', () => {
  let network: Network;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const tokens = new Map<string, string>();
  const passwords = new Map<string, string>();
  const requests: string[] = [];
  const problems: string[] = [];
  const year = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' }).slice(0, 4));
  const K = 5; // the node's default
  const reporting = () => network.nodes.get('reporting')!.url;

  async function call<T>(node: string, method: string, path: string, as?: string, body?: unknown): Promise<{ status: number; body: T }> {
    const token = as ? tokens.get(`${node}/${as}`) : undefined;
    const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  const person = (sex: 'female' | 'male', ageYears: number) => ({
    name: `Korban ${randomBytes(5).toString('hex')}`,
    sex,
    ageYears,
    district: 'Kota Tanjungpinang',
    consent: { services: true, statistics: true },
  });

  async function register(
    kind: string,
    violenceTypes: string[],
    victims: unknown[],
    perpetrators: unknown[] = [],
    district = 'Kota Tanjungpinang',
  ) {
    const res = await call<{ id: string; victims: Array<{ id: string }> }>('intake', 'POST', '/cases', 'worker', {
      channel: 'walk-in',
      kind,
      riskLevel: 'medium',
      district,
      incident: { violenceTypes, place: 'household' },
      perpetrators,
      victims,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** What every chart draws, read from the Chart.js objects. */
  const drawn = (): Promise<Drawn> =>
    page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return Object.fromEntries(
        Object.entries(g.__charts).map(([id, c]) => [
          id,
          {
            labels: [...c.data.labels],
            datasets: c.data.datasets.map((d) => ({ label: d.label, data: [...d.data] })),
            axes: Object.values(c.options.scales)
              .map((s) => s.title?.text ?? '')
              .filter(Boolean),
          },
        ]),
      );
    });

  /** Every word the page shows or says (text, aria-label, title), in document order. */
  const labels = (): Promise<{ lang: string; title: string; texts: string[] }> =>
    page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const texts: string[] = [];
      for (const e of Array.from(
        g.document.querySelectorAll('h1, h2, p, label, button, option, caption, th, a, abbr, [aria-label], [title]'),
      )) {
        if (e.closest('#district') && e.getAttribute('value')) continue; // district names are data, not labels
        const own = e.closest('h1, h2, p, label, button, option, caption, th, a, abbr') === e ? [e.textContent] : [];
        for (const t of [...own, e.getAttribute('aria-label'), e.getAttribute('title')]) if (t && t.trim()) texts.push(t.trim());
      }
      return { lang: g.document.documentElement.getAttribute('lang') ?? '', title: g.document.title, texts };
    });

  const ready = async (view: 'public' | 'internal', lang = 'id') => {
    await page
      .waitForSelector(`body[data-state="ready"][data-view="${view}"][data-lang="${lang}"]`, { timeout: 20000 })
      .catch(async (err: Error) => {
        const body = await page.evaluate(() => {
          const g = globalThis as unknown as { document: { body: { dataset: Record<string, string>; textContent: string } } };
          return { ...g.document.body.dataset, text: g.document.body.textContent.slice(0, 500) };
        });
        throw new Error(`${err.message}\nthe page: ${JSON.stringify(body)}\n${problems.join('\n')}`);
      });
  };

  /** The table charts equal the API's cells: numbers drawn as they are, suppressed ones as gaps. */
  function expectTablesDrawn(charts: Drawn, tables: Shown[]) {
    for (const id of TABLE_CHARTS) {
      const t = tables.find((x) => x.id === id)!;
      const rows = t.rows.filter((r) => r !== 'total');
      const columns = id === 'cases-by-month' ? [String(year), String(year - 1)] : t.columns.filter((c) => c !== 'total');
      expect({ id, rows: charts[id].labels.length, series: charts[id].datasets.length }).toEqual({
        id,
        rows: rows.length,
        series: columns.length,
      });
      columns.forEach((c, j) => {
        const expected = rows.map((r) => (typeof t.values[r][c] === 'number' ? t.values[r][c] : null));
        expect({ id, column: c, data: charts[id].datasets[j].data }).toEqual({ id, column: c, data: expected });
      });
    }
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'dashboard',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'shelter', 'reporting'],
    });
    const staff = await signInStaff(network, [{ username: 'worker', role: 'case-worker' }], [{ username: 'analyst', role: 'analyst' }]);
    for (const [key, account] of staff) {
      tokens.set(key, account.token);
      passwords.set(key, account.password);
    }
    // Eleven cases in two districts (one in Bintan): women of several ages, children (one perpetrator a child), trafficking.
    const women = [30, 35, 28, 40, 22, 50];
    const cases = [];
    for (const age of women)
      cases.push(
        await register(
          'violence-against-women',
          ['physical', 'psychological'],
          [person('female', age)],
          [{ sex: 'male', ageYears: 41, relation: 'spouse' }],
        ),
      );
    cases.push(
      await register(
        'violence-against-children',
        ['sexual'],
        [person('female', 8)],
        [{ sex: 'male', ageYears: 16, relation: 'neighbour' }],
      ),
    );
    cases.push(await register('violence-against-children', ['sexual', 'psychological'], [person('female', 14), person('female', 15)]));
    cases.push(
      await register(
        'violence-against-children',
        ['physical'],
        [person('male', 10)],
        [{ sex: 'male', ageYears: 38, relation: 'parent' }],
        'Kabupaten Bintan',
      ),
    );
    cases.push(await register('trafficking', ['trafficking', 'exploitation'], [person('female', 24), person('female', 19)]));
    cases.push(await register('trafficking', ['trafficking'], [person('female', 17)]));
    // Two referrals to the shelter: one accepted, one still waiting.
    const shelter = network.nodes.get('shelter')!.agency;
    const referred: string[] = [];
    for (const c of cases.slice(0, 2)) {
      const r = await call<{ id: string }>('intake', 'POST', `/cases/${c.id}/referrals`, 'worker', {
        victimId: c.victims[0].id,
        service: 'shelter',
        agencyId: shelter,
      });
      expect(r.status).toBe(201);
      referred.push(r.body.id);
    }
    await waitFor(
      'the referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${referred[0]}`, 'worker')).status === 200,
    );
    expect((await call('shelter', 'POST', `/referrals/${referred[0]}/accept`, 'worker')).status).toBe(200);
    const db = network.nodes.get('reporting')!.database;
    await waitFor(
      'eleven cases and an accepted referral at reporting',
      async () => {
        const [c] = await query<{ n: string }>(db, 'SELECT count(*) n FROM case_fact');
        const perf = await call<{ byService: Record<string, Performance> }>(
          'reporting',
          'GET',
          `/statistics/referral-performance?year=${year}`,
          'analyst',
        );
        return (
          Number(c.n) === cases.length &&
          perf.body.byService.shelter?.medianHoursToAccept !== null &&
          perf.body.byService.shelter?.referrals === 2
        );
      },
      30000,
    );

    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('request', (r: Request) => requests.push(r.url()));
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await removeSevenNodes(network);
  });

  it('serves the page and its small assets from the node itself, compressed, with a strict content policy', async () => {
    const res = await fetch(`${reporting()}/dashboard`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    const assets = [...html.matchAll(/\/dashboard\/assets\/([\w.-]+)/g)].map((m) => m[1]);
    expect(assets).toEqual([expect.stringMatching(/^dashboard-[0-9a-f]{10}\.css$/), expect.stringMatching(/^dashboard-[0-9a-f]{10}\.js$/)]);
    expect(html).not.toMatch(/https?:\/\//); // nothing from the internet
    let wire = 0;
    for (const a of assets) {
      const r = await rawGet(`${reporting()}/dashboard/assets/${a}`);
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toContain('immutable');
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(r.body).length).toBeGreaterThan(r.body.length);
      wire += r.body.length;
    }
    expect(wire).toBeLessThan(120 * 1024);
    expect((await fetch(`${reporting()}/dashboard/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${reporting()}/dashboard/assets/nothing.js`)).status).toBe(404);
  });

  it('shows the public view without sign-in: the numbers drawn are the public API’s, and no suppressed cell is drawn or printed', async () => {
    await page.goto(`${reporting()}/dashboard`);
    await ready('public');
    const api = (
      await call<{ tables: Shown[]; targets: Record<string, number>; k: number }>(
        'reporting',
        'GET',
        `/public/statistics/tables?year=${year}`,
      )
    ).body;
    expect(api.k).toBe(K);
    const charts = await drawn();
    expect(Object.keys(charts).sort()).toEqual([...TABLE_CHARTS, 'spm-coverage'].sort()); // referral times: analysts only
    expectTablesDrawn(charts, api.tables);

    // SPM: coverage only where both counts are published, against the published targets.
    const spm = api.tables.find((t) => t.id === 'spm-coverage')!;
    const indicators = spm.rows.filter((r) => r !== 'total');
    const coverage = indicators.map((i) => {
      const { numerator: n, denominator: d } = spm.values[i];
      return typeof n === 'number' && typeof d === 'number' && d > 0 ? Math.round((n / d) * 1000) / 10 : null;
    });
    expect(charts['spm-coverage'].datasets[0].data).toEqual(coverage);
    expect(charts['spm-coverage'].datasets[1].data).toEqual(indicators.map((i) => api.targets[i]));

    // Every hidden cell: a gap in the chart, never its value in the table. A small count is "<5"; a cell
    // hidden to protect one is labelled as such ([c], explained on hover and in the table's note), never "<5".
    const internal = (await call<{ tables: Shown[] }>('reporting', 'GET', `/statistics/tables?year=${year}&view=internal`, 'analyst')).body
      .tables;
    let suppressed = 0;
    let complementary = 0;
    let published = 0;
    for (const id of TABLE_CHARTS) {
      const t = api.tables.find((x) => x.id === id)!;
      const exact = internal.find((x) => x.id === id)!;
      const cells = await page.$$eval(`#table-${id} tbody tr`, (trs) =>
        trs.map((tr) =>
          Array.from((tr as unknown as { querySelectorAll(s: string): ArrayLike<PageElement> }).querySelectorAll('td')).map((td) => ({
            text: td.textContent ?? '',
            title: td.querySelector('abbr')?.getAttribute('title') ?? null,
          })),
        ),
      );
      const columns = id === 'cases-by-month' ? [String(year), String(year - 1), 'total'] : t.columns;
      t.rows.forEach((r, i) =>
        columns.forEach((c, j) => {
          const value = t.values[r][c];
          const truth = exact.values[r][c] as number;
          if (value === `<${K}`) {
            suppressed++;
            expect({ id, r, c, shown: cells[i][j], small: truth > 0 && truth < K }).toEqual({
              id,
              r,
              c,
              shown: { text: `<${K}`, title: DICTIONARY.id.dashboard.suppressed },
              small: true,
            });
          } else if (value === HIDDEN_MARK) {
            complementary++;
            expect({ id, r, c, shown: cells[i][j], largeEnough: truth >= K }).toEqual({
              id,
              r,
              c,
              shown: { text: HIDDEN_MARK, title: DICTIONARY.id.dashboard.hidden.replace('{k}', String(K)) },
              largeEnough: true,
            });
          } else {
            expect(typeof value).toBe('number'); // nothing else is printed in this city's region
            if ((value as number) >= K) published++;
            expect(value).toBe(truth);
            expect({ id, r, c, shown: cells[i][j].text }).toEqual({
              id,
              r,
              c,
              shown: new Intl.NumberFormat('id-ID').format(value as number),
            });
          }
        }),
      );
      // The marks are explained under the table, in the page's language, as the API's note says.
      const note = await page.locator(`#note-${id}`).allTextContents();
      expect({ id, note }).toEqual({ id, note: t.note ? [t.note.id] : [] });
      if (Object.values(t.values).some((row) => Object.values(row).some((v) => typeof v === 'string'))) expect(t.note).toBeDefined();
    }
    expect(complementary).toBeGreaterThan(0);
    expect(await page.textContent('#view-note')).toBe(
      DICTIONARY.id.dashboard.viewPublic.replace(/\{k\}/g, String(K)).replace('{mark}', HIDDEN_MARK),
    );
    // It says which date it counts by: the public view, by the date reported (no choice).
    expect(await page.textContent('#counted-by-note')).toBe(DICTIONARY.id.dashboard.countedByReportedNote);
    expect(await page.locator('#counted-by').count()).toBe(0);
    expect(suppressed).toBeGreaterThan(5);
    expect(published).toBeGreaterThan(3);
    // The public page asked only for public figures, and only from its own node.
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.filter((u) => !u.startsWith(reporting()) && !u.startsWith('data:'))).toEqual([]);
    expect(requests.filter((u) => new URL(u).pathname.startsWith('/statistics/'))).toEqual([]);
  });

  it('after an analyst signs in, draws the exact figures of every chart as the API gives them, and filters by district', async () => {
    await page.fill('#username', 'analyst');
    await page.fill('#password', passwords.get('reporting/analyst')!);
    await page.click('#sign-in-button');
    await ready('internal');
    const tables = (await call<{ tables: Shown[] }>('reporting', 'GET', `/statistics/tables?year=${year}&view=internal`, 'analyst')).body
      .tables;
    const spm = (
      await call<Array<{ indicator: string; coverage: number | null; target: number }>>(
        'reporting',
        'GET',
        `/statistics/spm?year=${year}`,
        'analyst',
      )
    ).body;
    const perf = (
      await call<{ byService: Record<string, Performance> }>('reporting', 'GET', `/statistics/referral-performance?year=${year}`, 'analyst')
    ).body;
    const charts = await drawn();
    expect(Object.keys(charts).sort()).toEqual([...TABLE_CHARTS, 'spm-coverage', 'referral-times'].sort());
    expectTablesDrawn(charts, tables);
    const sum = (xs: Array<number | null>) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
    // 13 victims (6 women, 4 children, 3 trafficked, one of them a girl); 11 cases this month.
    expect(sum(charts['victims-by-age-and-sex'].datasets.flatMap((d) => d.data))).toBe(13);
    expect(sum(charts['cases-by-month'].datasets[0].data)).toBe(11);
    expect(charts['children-as-victims-and-perpetrators'].datasets[1].data).toEqual([1, 1]); // a boy victim, a boy perpetrator
    expect(charts['spm-coverage'].datasets[0].data).toEqual(spm.map((s) => s.coverage));
    expect(charts['spm-coverage'].datasets[1].data).toEqual(spm.map((s) => s.target));
    const services = Object.keys(perf.byService);
    expect(services).toEqual(['shelter']);
    expect(charts['referral-times'].labels).toEqual([DICTIONARY.id.service.shelter]);
    expect(charts['referral-times'].datasets[0].data).toEqual(services.map((s) => perf.byService[s].medianHoursToAccept));
    expect(charts['referral-times'].datasets[1].data).toEqual(services.map((s) => perf.byService[s].medianDaysToComplete));
    expect(await page.textContent('#table-referral-times tbody tr td')).toBe('2');

    // One district: the charts follow the filter.
    await page.selectOption('#district', 'Kabupaten Bintan');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).__charts['cases-by-month']?.data.datasets[0].data.reduce<number>(
          (a, x) => a + (x ?? 0),
          0,
        ) === 1,
    );
    const bintan = (
      await call<{ tables: Shown[] }>(
        'reporting',
        'GET',
        `/statistics/tables?year=${year}&district=${encodeURIComponent('Kabupaten Bintan')}&view=internal`,
        'analyst',
      )
    ).body.tables;
    expectTablesDrawn(await drawn(), bintan);
    await page.selectOption('#district', '');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).__charts['cases-by-month']?.data.datasets[0].data.reduce<number>(
          (a, x) => a + (x ?? 0),
          0,
        ) === 11,
    );
    await ready('internal');

    // An analyst may count by the incident date: the page says so and draws the API's incident-dated tables.
    expect(await page.textContent('#counted-by-note')).toBe(DICTIONARY.id.dashboard.countedByReportedNote);
    await page.selectOption('#counted-by', 'incident');
    await page.waitForFunction(
      (text) => (globalThis as unknown as PageGlobals).document.querySelectorAll('#counted-by-note')[0]?.textContent === text,
      DICTIONARY.id.dashboard.countedByIncidentNote,
    );
    await ready('internal');
    const byIncident = (
      await call<{ tables: Shown[] }>('reporting', 'GET', `/statistics/tables?year=${year}&view=internal&date=incident`, 'analyst')
    ).body.tables;
    expectTablesDrawn(await drawn(), byIncident);
    await page.selectOption('#counted-by', 'reported');
    await page.waitForFunction(
      (text) => (globalThis as unknown as PageGlobals).document.querySelectorAll('#counted-by-note')[0]?.textContent === text,
      DICTIONARY.id.dashboard.countedByReportedNote,
    );
    await ready('internal');

    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/dashboard.png', fullPage: true });
    expect(readFileSync('docs/dashboard.png').subarray(1, 4).toString()).toBe('PNG');
  });

  it('switches every label to English and back, all from one dictionary', async () => {
    const flat = (d: Dictionary) => Object.values(d).flatMap((group) => Object.values(group as Record<string, string>));
    const fillAll = (s: string) =>
      s
        .replace('{year}', String(year))
        .replace('{previous}', String(year - 1))
        .replace(/\{k\}/g, String(K));
    const words = { id: new Set(flat(DICTIONARY.id).map(fillAll)), en: new Set(flat(DICTIONARY.en).map(fillAll)) };
    const same = new Set([...words.id].filter((w) => words.en.has(w))); // April, Hotline (SAPA 129)...
    const neutral = (s: string) => /^[\d\s.,%<–-]+$/.test(s) || same.has(s);
    const fromDictionary = (s: string, lang: 'id' | 'en') => {
      const prefix = `${DICTIONARY[lang].dashboard.tableOf}: `;
      return words[lang].has(s) || (s.startsWith(prefix) && words[lang].has(s.slice(prefix.length)));
    };
    const chartWords = (c: Drawn) => Object.values(c).flatMap((x) => [...x.labels, ...x.datasets.map((d) => d.label), ...x.axes]);

    const idPage = await labels();
    const idCharts = await drawn();
    expect(idPage.lang).toBe('id');
    expect(idPage.title).toBe(DICTIONARY.id.dashboard.pageTitle);
    await page.click('#language-switch');
    await ready('internal', 'en');
    const enPage = await labels();
    const enCharts = await drawn();
    expect(enPage.lang).toBe('en');
    expect(enPage.title).toBe(DICTIONARY.en.dashboard.pageTitle);

    for (const [lang, p, c] of [
      ['id', idPage, idCharts],
      ['en', enPage, enCharts],
    ] as const) {
      const all = [...p.texts, ...chartWords(c)];
      expect(all.length).toBeGreaterThan(150);
      expect({ lang, notFromDictionary: all.filter((s) => !neutral(s) && !fromDictionary(s, lang)) }).toEqual({
        lang,
        notFromDictionary: [],
      });
    }
    // Word by word: each label changed, unless it is a number or the same word in both languages.
    expect(enPage.texts.length).toBe(idPage.texts.length);
    const before = [...idPage.texts, ...chartWords(idCharts)];
    const after = [...enPage.texts, ...chartWords(enCharts)];
    expect(after.length).toBe(before.length);
    const unchanged = before.filter((s, i) => s === after[i] && !neutral(s));
    expect(unchanged).toEqual([]);
    expect(after.filter((s) => words.id.has(s) && !same.has(s))).toEqual([]);
    // The numbers do not change with the language.
    expect(Object.values(enCharts).map((x) => x.datasets.map((d) => d.data))).toEqual(
      Object.values(idCharts).map((x) => x.datasets.map((d) => d.data)),
    );

    await page.click('#language-switch');
    await ready('internal', 'id');
    expect((await labels()).texts).toEqual(idPage.texts);
  });

  it('has no serious or critical accessibility violation (axe-core), in either language and either view', async () => {
    const axe = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
    const check = async (what: string) => {
      await page.evaluate(axe); // evaluated by the test, not injected: the page's policy refuses inline scripts
      const result = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).axe.run((globalThis as unknown as PageGlobals).document, { resultTypes: ['violations'] }),
      );
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`,
        );
      expect({ what, serious }).toEqual({ what, serious: [] });
    };
    await check('internal, id');
    await page.click('#language-switch');
    await ready('internal', 'en');
    await check('internal, en');
    await page.click('#sign-out');
    await ready('public', 'en');
    await check('public, en');
    // A table under every chart: caption and headers for a screen reader.
    for (const id of TABLE_CHARTS) {
      expect(await page.locator(`#table-${id} caption`).count()).toBe(1);
      expect(await page.locator(`#table-${id} th[scope="col"]`).count()).toBeGreaterThan(1);
      expect(await page.locator(`#table-${id} th[scope="row"]`).count()).toBeGreaterThan(1);
    }
    expect(await page.locator('canvas[role="img"][aria-label]').count()).toBe(TABLE_CHARTS.length + 1);
    expect(problems).toEqual([]);
  });
});
