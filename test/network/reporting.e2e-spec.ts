import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { xlsxToTables } from '../../apps/reporting/src/tables/exports.js';
import { query } from '../support/database.js';
import { PROJECTION_TABLES } from '../../apps/reporting/src/rebuild/rebuild.command.js';
import { walkInComplaint } from '../support/complaint.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

/** A second reporting node counting under the duty policy (national recording). */
const NATIONAL = { id: 'simfoni-nasional', node: 'reporting', name: 'Pencatatan nasional (uji)', broadcasts: true };

type Shown = { id: string; rows: string[]; columns: string[]; values: Record<string, Record<string, number | string>> };

/**
 * The reporting node's tables from real events: the counting policy both
 * ways (one node per policy, fed by the same stream), a victim reported twice
 * counted once, a withdrawn consent, the public view, exports read back, and
 * a frozen year.
 */
describe('reporting for the task force', () => {
  let network: Network;
  let registryDir: string;
  const tokens = new Map<string, string>();
  let analystPassword = '';
  const year = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' }).slice(0, 4));

  async function call(node: string, method: string, path: string, as?: string, body?: unknown) {
    const token = as ? tokens.get(`${node}/${as}`) : undefined;
    const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const buffer = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      type,
      buffer,
      body: type.includes('json') && buffer.length ? JSON.parse(buffer.toString('utf8')) : undefined,
    };
  }

  const tablesAt = async (node: string, extra = '') =>
    (await call(node, 'GET', `/statistics/tables?year=${year}${extra}`, 'analyst')).body.tables as Shown[];
  const cell = (tables: Shown[], id: string, row: string, column: string) => tables.find((t) => t.id === id)!.values[row][column];
  const victimsTotal = async (node: string) => cell(await tablesAt(node), 'victims-by-age-and-sex', 'total', 'total');

  function victim(name: string, sex: 'female' | 'male', birthDate: string, statistics: boolean) {
    return {
      name,
      sex,
      birthDate,
      district: 'Kota Tanjungpinang',
      idNumber: testNik(sex, birthDate),
      consent: { services: true, statistics },
    };
  }

  async function register(victims: unknown[]) {
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'walk-in',
      kind: 'violence-against-women',
      riskLevel: 'low',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['physical', 'psychological'], place: 'household', perpetratorRelation: 'spouse' },
      perpetrators: [{ sex: 'male', ageYears: 41, relation: 'spouse' }],
      victims,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  const caseFacts = async (node: string) =>
    Number((await query<{ n: string }>(network.nodes.get(node)!.database, 'SELECT count(*) n FROM case_fact'))[0].n);

  beforeAll(async () => {
    registryDir = mkdtempSync(join(tmpdir(), 'rujukan-registry-'));
    const registry = JSON.parse(readFileSync('bus/agencies.json', 'utf8'));
    registry.agencies.push(NATIONAL);
    const registryPath = join(registryDir, 'agencies.json');
    writeFileSync(registryPath, JSON.stringify(registry));
    network = await startSevenNodes({
      label: 'reporting',
      statisticsKey: randomBytes(32).toString('hex'),
      registryPath,
      roles: ['intake', 'reporting'],
      nodeEnv: { [NATIONAL.id]: { REPORTING_COUNTING_POLICY: 'duty' } },
    });
    const staff = await signInStaff(
      network,
      [
        { username: 'worker', role: 'case-worker' },
        { username: 'supervisor', role: 'supervisor' },
      ],
      [
        { username: 'analyst', role: 'analyst' },
        { username: 'supervisor', role: 'supervisor' },
      ],
    );
    for (const [key, account] of staff) tokens.set(key, account.token);
    analystPassword = staff.get('reporting/analyst')!.password;
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    if (registryDir) rmSync(registryDir, { recursive: true, force: true });
  });

  it('counts under each policy the same way in every table; a victim reported twice once; a withdrawn consent only under the consent policy', async () => {
    const ani = victim('Ani', 'female', '1990-01-15', true);
    await register([
      ani,
      { ...victim('Budi', 'male', '2014-03-02', true), education: 'primary' },
      victim('Citra', 'female', '2001-07-30', false),
    ]);
    await register([{ ...ani, name: 'Ani Lestari' }]); // the same woman (same NIK), reported again
    const dewi = await register([victim('Dewi', 'female', '1985-11-11', true), victim('Eka', 'female', '2009-05-05', true)]);
    for (const node of ['reporting', NATIONAL.id]) await waitFor(`three cases at ${node}`, async () => (await caseFacts(node)) === 3);

    // Consent policy: Ani once, Budi, Dewi, Eka; not Citra. Duty policy: Citra too.
    expect(await victimsTotal('reporting')).toBe(4);
    expect(await victimsTotal(NATIONAL.id)).toBe(5);
    expect((await call('reporting', 'GET', `/statistics/tables?year=${year}`, 'analyst')).body.yearOnYear).toEqual({
      cases: 3,
      casesYearBefore: 0,
      change: 3,
      changePercent: null,
    });
    const consentTables = await tablesAt('reporting');
    expect(cell(consentTables, 'victims-child-or-adult', 'child', 'total')).toBe(2);
    expect(cell(consentTables, 'victims-by-education', 'primary', 'male')).toBe(1);
    expect(cell(consentTables, 'victims-by-education', 'unknown', 'total')).toBe(3);
    expect(cell(consentTables, 'cases-by-month', 'total', String(year))).toBe(3);
    expect(cell(consentTables, 'victims-by-violence-type', 'physical', 'total')).toBe(4);
    expect(cell(consentTables, 'spm-coverage', 'complaint-handling', 'denominator')).toBe(4);
    expect(cell(await tablesAt(NATIONAL.id), 'spm-coverage', 'complaint-handling', 'denominator')).toBe(5);

    // Eka withdraws her consent to statistics.
    const eka = dewi.victims.find((v: { name: string }) => v.name === 'Eka');
    expect((await call('intake', 'POST', `/victims/${eka.id}/consents/withdraw`, 'worker', { purpose: 'statistics' })).status).toBe(200);
    await waitFor('Eka no longer counted under the consent policy', async () => (await victimsTotal('reporting')) === 3);
    expect(cell(await tablesAt('reporting'), 'victims-child-or-adult', 'child', 'total')).toBe(1);
    expect(await victimsTotal(NATIONAL.id)).toBe(5);
  });

  it('counts the same in /statistics/cases as in /statistics/tables under either policy, with a case whose only victim refused statistics', async () => {
    await register([victim('Gita', 'female', '1995-02-02', false)]);
    for (const node of ['reporting', NATIONAL.id]) await waitFor(`four cases at ${node}`, async () => (await caseFacts(node)) === 4);
    for (const [node, cases, victims] of [
      ['reporting', 3, 3],
      [NATIONAL.id, 4, 6],
    ] as const) {
      const exact = (await call(node, 'GET', '/statistics/cases', 'analyst')).body;
      const tables = await tablesAt(node);
      expect([exact.cases, exact.victims]).toEqual([cases, victims]);
      expect(exact.cases).toBe(cell(tables, 'cases-by-month', 'total', String(year)));
      expect(exact.cases).toBe(cell(tables, 'cases-by-kind', 'total', 'total'));
      expect(exact.casesByViolenceType.physical).toBe(cell(tables, 'cases-by-violence-type', 'physical', 'cases'));
      expect(exact.victims).toBe(cell(tables, 'victims-by-age-and-sex', 'total', 'total'));
      expect(exact.victimsBySex.female).toBe(cell(tables, 'victims-by-age-and-sex', 'total', 'female'));
      expect(exact.childVictims).toBe(cell(tables, 'children-as-victims-and-perpetrators', 'child-victims', 'total'));
      expect(exact.perpetratorsByRelation.spouse).toBe(cell(tables, 'perpetrators-by-relation-and-sex', 'spouse', 'total'));
    }
  });

  it('gives a supervisor and the public only the suppressed view, and analysts the exact one', async () => {
    const supervisor = (await call('reporting', 'GET', `/statistics/tables?year=${year}&view=internal`, 'supervisor')).body;
    expect(supervisor.view).toBe('public');
    const open = await call('reporting', 'GET', `/public/statistics/tables?year=${year}`);
    expect(open.status).toBe(200);
    const shown = open.body.tables as Shown[];
    const values = shown.flatMap((t) => t.rows.flatMap((r) => t.columns.map((c) => t.values[r][c])));
    // Every count here is below 5: none is printed but zeros.
    expect(values.some((v) => v === '<5')).toBe(true);
    expect(values.filter((v) => typeof v === 'number' && v > 0 && v < 5)).toEqual([]);
    expect((await call('reporting', 'GET', `/statistics/spm?year=${year}`, 'supervisor')).status).toBe(403);
    const spm = (await call('reporting', 'GET', `/statistics/spm?year=${year}`, 'analyst')).body as Array<{
      indicator: string;
      numerator: number;
      denominator: number;
      target: number;
    }>;
    // No first response is recorded for these cases: none counts as handled (docs/reporting.md).
    expect(spm.find((s) => s.indicator === 'complaint-handling')).toMatchObject({ numerator: 0, denominator: 3, target: 100 });
    expect((await call('reporting', 'GET', `/statistics/tables?year=1999`, 'analyst')).status).toBe(400);
  });

  it('exports CSV and XLSX that read back to the API’s tables', async () => {
    const api = await tablesAt('reporting');
    const csv = await call('reporting', 'GET', `/statistics/tables.csv?year=${year}`, 'analyst');
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.buffer
      .toString('utf8')
      .split('\r\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('table,title,row,column,value');
    const fromCsv = new Map(
      lines.slice(1).map((l) => {
        const parts = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((p) => p.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
        return [`${parts[0]}/${parts[2]}/${parts[3]}`, parts[4]];
      }),
    );
    for (const t of api)
      for (const r of t.rows) for (const c of t.columns) expect(fromCsv.get(`${t.id}/${r}/${c}`)).toBe(String(t.values[r][c]));

    const xlsx = await call('reporting', 'GET', `/statistics/tables.xlsx?year=${year}`, 'analyst');
    expect(xlsx.status).toBe(200);
    const sheets = await xlsxToTables(xlsx.buffer);
    expect(sheets.map((s) => s.id)).toEqual(api.map((t) => t.id));
    for (const [i, t] of api.entries()) expect(sheets[i].values).toEqual(t.values);
    const publicXlsx = await xlsxToTables(
      (await call('reporting', 'GET', `/statistics/tables.xlsx?year=${year}&view=public`, 'analyst')).buffer,
    );
    expect(publicXlsx.find((s) => s.id === 'victims-by-age-and-sex')!.values.total.total).toBe('<5');
  });

  it('freezes a year as submitted while the live figures go on', async () => {
    expect((await call('reporting', 'POST', `/statistics/periods/${year}/freeze`, 'analyst')).status).toBe(403);
    const frozen = await call('reporting', 'POST', `/statistics/periods/${year}/freeze`, 'supervisor');
    expect(frozen.status).toBe(201);
    expect((await call('reporting', 'POST', `/statistics/periods/${year}/freeze`, 'supervisor')).status).toBe(409);
    await register([victim('Fitri', 'female', '1999-09-09', true)]);
    await waitFor('the live count moves on', async () => (await victimsTotal('reporting')) === 4);
    const kept = (await call('reporting', 'GET', `/statistics/tables?year=${year}&frozen=true`, 'analyst')).body;
    expect(cell(kept.tables, 'victims-by-age-and-sex', 'total', 'total')).toBe(3);
    expect(new Date(kept.frozenAt).getTime()).toBe(new Date(frozen.body.frozenAt).getTime());
    expect((await call('reporting', 'GET', '/statistics/periods', 'analyst')).body).toEqual([
      expect.objectContaining({ period: String(year), policy: 'consent' }),
    ]);
  });

  it("counts the UPTD PPA's own functions (outreach, mediation, accompaniment), victims' occupation and disability; no mediation in sexual violence", async () => {
    const functionFacts = async (node: string) =>
      Number((await query<{ n: string }>(network.nodes.get(node)!.database, 'SELECT count(*) n FROM function_fact'))[0].n);
    const caseFacts = async (node: string) =>
      Number((await query<{ n: string }>(network.nodes.get(node)!.database, 'SELECT count(*) n FROM case_fact'))[0].n);
    const before = {
      consent: await tablesAt('reporting'),
      duty: await tablesAt(NATIONAL.id),
      functions: await functionFacts('reporting'),
      cases: { reporting: await caseFacts('reporting'), national: await caseFacts(NATIONAL.id) },
    };
    const grew = (now: Shown[], then: Shown[], id: string, row: string, column: string) =>
      Number(cell(now, id, row, column)) - Number(cell(then, id, row, column));
    const month = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' }).slice(5, 7);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });

    const registered = await register([
      { ...victim('Fitri', 'female', '1996-04-04', true), occupation: 'migrant-worker', disabilities: ['sensory', 'physical'] },
      { ...victim('Gita', 'female', '1999-09-09', false), occupation: 'household', disabilities: [] },
    ]);
    const [fitri, gita] = ['Fitri', 'Gita'].map((n) => registered.victims.find((v: { name: string }) => v.name === n));
    expect([fitri.occupation, fitri.disabilities]).toEqual(['migrant-worker', ['sensory', 'physical']]);

    const outreach = await call('intake', 'POST', '/outreach-visits', 'worker', {
      visitedOn: today,
      district: 'Kota Tanjungpinang',
      place: 'Pelabuhan Sri Bintan Pura',
      staff: ['Petugas Satu', 'Petugas Dua'],
      outcome: 'complaint-received',
      complaints: 1,
      caseId: registered.id,
    });
    expect(outreach.status).toBe(201);
    const mediation = await call('intake', 'POST', `/cases/${registered.id}/mediations`, 'worker', {
      victimId: fitri.id,
      heldOn: today,
      parties: ['victim', 'family'],
      outcome: 'agreement',
      agreement: 'Keluarga menanggung biaya pemulihan',
    });
    expect(mediation.status).toBe(201);
    const accompaniment = await call('intake', 'POST', `/cases/${registered.id}/accompaniments`, 'worker', {
      victimId: gita.id,
      accompaniedOn: today,
      destination: 'police',
      staff: ['Petugas Satu'],
    });
    expect(accompaniment.status).toBe(201);

    // Refused and nothing stored: an agreement without its terms, a future day, a victim of another case, a sexual violence case.
    const noTerms = await call('intake', 'POST', `/cases/${registered.id}/mediations`, 'worker', {
      victimId: fitri.id,
      heldOn: today,
      parties: ['victim', 'family'],
      outcome: 'agreement',
    });
    expect([noTerms.status, Object.keys(noTerms.body.fields)]).toEqual([400, ['agreement']]);
    const future = await call('intake', 'POST', `/cases/${registered.id}/accompaniments`, 'worker', {
      victimId: gita.id,
      accompaniedOn: `${year + 1}-01-01`,
      destination: 'court',
      staff: ['Petugas Satu'],
    });
    expect([future.status, Object.keys(future.body.fields)]).toEqual([400, ['accompaniedOn']]);
    const sexual = await call('intake', 'POST', '/cases', 'worker', {
      ...walkInComplaint({ incident: { violenceTypes: ['sexual'], place: 'household' } }),
    });
    const sexualVictim = sexual.body.victims[0].id;
    const elsewhere = await call('intake', 'POST', `/cases/${registered.id}/accompaniments`, 'worker', {
      victimId: sexualVictim,
      accompaniedOn: today,
      destination: 'court',
      staff: ['Petugas Satu'],
    });
    expect([elsewhere.status, Object.keys(elsewhere.body.fields)]).toEqual([400, ['victimId']]);
    const refused = await call('intake', 'POST', `/cases/${sexual.body.id}/mediations`, 'worker', {
      victimId: sexualVictim,
      heldOn: today,
      parties: ['victim', 'perpetrator'],
      outcome: 'agreement',
      agreement: 'damai',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/sexual violence.*UU 12\/2022.*TPKS/);
    const stored = await query<{ n: string }>(
      network.nodes.get('intake')!.database,
      `SELECT (SELECT count(*) FROM mediation_session) + (SELECT count(*) FROM accompaniment) + (SELECT count(*) FROM outreach_visit) AS n`,
    );
    expect(Number(stored[0].n)).toBe(3);

    // The timeline names the victim by her record, never by name.
    const timeline = (await call('intake', 'GET', `/cases/${registered.id}/timeline`, 'worker')).body as Array<{
      what: string;
      victimId?: string;
      detail?: string;
    }>;
    expect(timeline.find((e) => e.what === 'mediation.recorded')).toMatchObject({
      victimId: fitri.id,
      detail: `agreement (victim, family), held ${today}`,
    });
    expect(timeline.find((e) => e.what === 'accompaniment.recorded')).toMatchObject({ victimId: gita.id });
    expect(timeline.some((e) => e.what === 'outreach.case-registered')).toBe(true);
    expect(JSON.stringify(timeline)).not.toMatch(/Fitri|Gita|Pelabuhan/);

    // Broadcasts leave in shuffled batches: the two cases (the outreach's and the sexual violence one) may come after the functions.
    for (const [node, cases] of [
      ['reporting', before.cases.reporting],
      [NATIONAL.id, before.cases.national],
    ] as const) {
      await waitFor(`three functions at ${node}`, async () => (await functionFacts(node)) === before.functions + 3);
      await waitFor(`two cases at ${node}`, async () => (await caseFacts(node)) === cases + 2);
    }
    const consent = await tablesAt('reporting');
    const duty = await tablesAt(NATIONAL.id);
    // Gita refused statistics: her accompaniment and her occupation count under the duty policy only.
    expect(grew(consent, before.consent, 'uptd-functions-by-month', 'outreach', month)).toBe(1);
    expect(grew(consent, before.consent, 'uptd-functions-by-month', 'mediation', month)).toBe(1);
    expect(grew(consent, before.consent, 'uptd-functions-by-month', 'accompaniment', month)).toBe(0);
    expect(grew(duty, before.duty, 'uptd-functions-by-month', 'accompaniment', month)).toBe(1);
    expect(grew(duty, before.duty, 'accompaniment-by-destination', 'police', 'accompaniments')).toBe(1);
    expect(grew(consent, before.consent, 'mediation-by-outcome', 'agreement', 'sessions')).toBe(1);
    expect(grew(consent, before.consent, 'outreach-by-outcome', 'complaint-received', 'visits')).toBe(1);
    expect(grew(consent, before.consent, 'victims-by-occupation', 'migrant-worker', 'female')).toBe(1);
    expect(grew(consent, before.consent, 'victims-by-occupation', 'household', 'female')).toBe(0);
    expect(grew(duty, before.duty, 'victims-by-occupation', 'household', 'female')).toBe(1);
    expect(grew(consent, before.consent, 'victims-by-disability', 'sensory', 'female')).toBe(1);
    expect(grew(consent, before.consent, 'victims-by-disability', 'physical', 'female')).toBe(1);
    expect(grew(consent, before.consent, 'victims-by-disability', 'total', 'female')).toBe(2); // Fitri and the sexual violence case's victim (not asked)
    expect(grew(duty, before.duty, 'victims-by-disability', 'none', 'female')).toBe(1);
  });

  it('rebuilds its projections from the stream with identical tables (a command, the node stopped)', async () => {
    const db = network.nodes.get('reporting')!.database;
    const snapshot = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const t of PROJECTION_TABLES) rows[t] = await query(db, `SELECT * FROM ${t} ORDER BY 1, 2`);
      return rows;
    };
    // Broadcasts leave in batches: every one the nodes wrote is sent, and reporting has applied as many as were sent.
    const count = async (database: string, sql: string) => Number((await query<{ n: string }>(database, sql))[0].n);
    const broadcasts = async (sent: boolean) => {
      let n = 0;
      for (const node of network.nodes.values()) {
        n += await count(
          node.database,
          `SELECT count(*) n FROM messaging_outbox WHERE recipient = 'all' AND sent_at IS ${sent ? 'NOT ' : ''}NULL`,
        );
      }
      return n;
    };
    await waitFor('every broadcast sent', async () => (await broadcasts(false)) === 0);
    const sent = await broadcasts(true);
    await waitFor(
      'reporting has applied every broadcast sent',
      async () => (await count(db, 'SELECT count(*) n FROM messaging_inbox')) >= sent,
    );
    const before = await snapshot();
    const tablesBefore = await tablesAt('reporting');
    expect(before.victim_fact.length).toBeGreaterThan(0);
    await network.stopNode('reporting');
    await query(db, 'DELETE FROM victim_fact'); // damage: the rebuild must not depend on what was there
    const out = await network.command('reporting', ['projections', 'rebuild']);
    expect(out.stdout).toMatch(/rebuilt case_fact, .* from the stream: \d+ events applied, 0 dead-lettered/);
    expect(await snapshot()).toEqual(before);
    await network.startNode('reporting');
    tokens.set('reporting/analyst', await network.signIn('reporting', 'analyst', analystPassword));
    expect(await tablesAt('reporting')).toEqual(tablesBefore);
  });

  it('counts by the date reported or, asked, by the incident date; age groups by the age at the incident', async () => {
    // Reported today about an incident on the last day of last year; 17 then, 18 today (she turned 18 today).
    const today = new Date().toISOString().slice(0, 10);
    const birthDate = `${Number(today.slice(0, 4)) - 18}${today.slice(4) === '-02-29' ? '-02-28' : today.slice(4)}`;
    const incidentDate = `${year - 1}-12-31`;
    const before = { reported: await tablesAt('reporting'), cases: await caseFacts('reporting') };
    const future = await call('intake', 'POST', '/cases', 'worker', {
      ...walkInComplaint({ incident: { violenceTypes: ['sexual'], place: 'public-facility', date: `${year + 1}-01-01` } }),
    });
    expect([future.status, Object.keys(future.body.fields)]).toEqual([400, ['incident.date']]);
    const late = await call('intake', 'POST', '/cases', 'worker', {
      ...walkInComplaint(
        { incident: { violenceTypes: ['sexual'], place: 'public-facility', date: incidentDate } },
        { ageYears: undefined, birthDate },
      ),
    });
    expect(late.status).toBe(201);
    await waitFor('the late report at reporting', async () => (await caseFacts('reporting')) === before.cases + 1);

    // By the date reported (the default): this year, and a child (her age at the incident).
    const reported = (await call('reporting', 'GET', `/statistics/tables?year=${year}`, 'analyst')).body;
    expect(reported.countedBy).toBe('reported');
    const grew = (tables: Shown[], id: string, row: string, column: string) =>
      Number(cell(tables, id, row, column)) - Number(cell(before.reported, id, row, column));
    expect(grew(reported.tables, 'cases-by-month', 'total', String(year))).toBe(1);
    expect(grew(reported.tables, 'victims-child-or-adult', 'child', 'female')).toBe(1);
    expect(grew(reported.tables, 'victims-child-or-adult', 'adult', 'total')).toBe(0);
    expect(grew(reported.tables, 'victims-by-age-and-sex', '13-17', 'female')).toBe(1);

    // By the incident date: in December of last year, still a child; this year has one case fewer.
    const byIncident = (await call('reporting', 'GET', `/statistics/tables?year=${year - 1}&date=incident`, 'analyst')).body;
    expect(byIncident.countedBy).toBe('incident');
    expect(cell(byIncident.tables, 'cases-by-month', '12', String(year - 1))).toBe(1);
    expect(cell(byIncident.tables, 'cases-by-month', 'total', String(year - 1))).toBe(1);
    expect(cell(byIncident.tables, 'victims-child-or-adult', 'child', 'female')).toBe(1);
    expect(cell(byIncident.tables, 'victims-child-or-adult', 'total', 'total')).toBe(1);
    const thisYearByIncident = await tablesAt('reporting', '&date=incident');
    expect(cell(thisYearByIncident, 'cases-by-month', 'total', String(year))).toBe(
      cell(before.reported, 'cases-by-month', 'total', String(year)),
    );
    expect(cell(await tablesAt('reporting', '&date=reported'), 'cases-by-month', '12', String(year - 1))).toBe(0);

    // Published figures count by the date reported only.
    const publicByIncident = await call('reporting', 'GET', `/statistics/tables?year=${year}&view=public&date=incident`, 'analyst');
    expect([publicByIncident.status, Object.keys(publicByIncident.body.fields)]).toEqual([400, ['date']]);
    expect((await call('reporting', 'GET', `/public/statistics/tables?year=${year}`)).body.countedBy).toBe('reported');
    const csv = (await call('reporting', 'GET', `/statistics/tables.csv?year=${year - 1}&date=incident`, 'analyst')).buffer.toString(
      'utf8',
    );
    expect(csv).toContain('# counted by: the date of the incident');
  });

  it('imports a past register: every bad row named and nothing imported; then its cases in their years; a re-import changes nothing', async () => {
    const intakeDb = network.nodes.get('intake')!.database;
    const count = async (db: string, sql: string) => Number((await query<{ n: string }>(db, sql))[0].n);
    const header =
      'register_number,reported_on,incident_on,closed_on,channel,kind,district,violence_types,place,perpetrator_relation,perpetrator_sex,perpetrator_age,victim_name,victim_sex,victim_age,victim_district,victim_education,victim_occupation,victim_disabilities,consent_statistics';
    // 150 cases, the first 50 with two victims: 200 rows, in 2019 (closed: older than the retention, de-identified) and 2024.
    type Row = { number: string; year: number; month: string; closed: boolean; victim: string; sex: string; age: number; consent: boolean };
    const rows: Row[] = [];
    for (let i = 0; i < 150; i++)
      for (let j = 0; j < (i < 50 ? 2 : 1); j++)
        rows.push({
          number: `REG-${i}`,
          year: i % 2 ? 2019 : 2024,
          month: String((i % 12) + 1).padStart(2, '0'),
          closed: i % 3 === 0,
          victim: `Korban Lama ${i}-${j}`,
          sex: (i + j) % 2 ? 'male' : 'female',
          age: 8 + ((i * 7 + j) % 40),
          consent: (i + j) % 4 !== 0,
        });
    const line = (r: Row) =>
      [
        r.number,
        `${r.year}-${r.month}-10`,
        `${r.year}-${r.month}-02`,
        r.closed ? `${r.year}-12-20` : '',
        'walk-in',
        'violence-against-women',
        'Kota Tanjungpinang',
        r.number.endsWith('5') ? '"sexual;psychological"' : 'physical',
        'household',
        'spouse',
        'male',
        '40',
        `"${r.victim}"`,
        r.sex,
        String(r.age),
        'Kota Tanjungpinang',
        'primary',
        'labourer',
        'none',
        r.consent ? 'yes' : 'no',
      ].join(',');
    const good = [header, ...rows.map(line)];
    const bad = [...good];
    // One bad cell in each of three rows (no cell holds a comma: a plain split finds the columns).
    const spoil = (i: number, column: string, value: string) => {
      const cells = bad[i].split(',');
      cells[header.split(',').indexOf(column)] = value;
      bad[i] = cells.join(',');
    };
    spoil(5, 'victim_sex', 'X');
    spoil(40, 'reported_on', '2024-13-10');
    spoil(120, 'consent_statistics', 'maybe');
    const dir = mkdtempSync(join(tmpdir(), 'rujukan-register-'));
    const file = join(dir, 'register.csv');
    const casesBefore = await count(intakeDb, 'SELECT count(*) n FROM case_file');
    const outboxBefore = await count(intakeDb, `SELECT count(*) n FROM messaging_outbox WHERE pattern LIKE 'case.registered.%'`);
    try {
      writeFileSync(file, bad.join('\r\n'));
      const refused = await network.command('intake', ['import', 'cases', file]).then(
        () => null,
        (e: { code: number; stdout: string }) => e,
      );
      expect(refused?.code).toBe(1);
      expect(refused!.stdout).toContain('nothing imported; 3 problem(s) in 3 row(s)');
      expect(refused!.stdout).toContain('line 6, victim_sex:');
      expect(refused!.stdout).toContain('line 41, reported_on:');
      expect(refused!.stdout).toContain('line 121, consent_statistics:');
      expect(refused!.stdout).not.toContain('Korban Lama'); // no cell of the register is printed
      expect(await count(intakeDb, 'SELECT count(*) n FROM register_import')).toBe(0);
      expect(await count(intakeDb, 'SELECT count(*) n FROM case_file')).toBe(casesBefore);

      writeFileSync(file, good.join('\r\n'));
      const imported = await network.command('intake', ['import', 'cases', file]);
      expect(imported.stdout).toContain('imported 150 case(s) with 200 victim(s) (25 de-identified');
      // The 2019 cases closed that year are older than the retention (5 years): no case and no name kept at intake.
      expect(await count(intakeDb, 'SELECT count(*) n FROM case_file')).toBe(casesBefore + 125);
      expect(
        await count(
          intakeDb,
          `SELECT count(*) n FROM register_import WHERE register_number = 'REG-3' AND case_id IS NULL AND deidentified`,
        ),
      ).toBe(1);
      // A case within the retention is kept with its two victims, their names sealed with their own keys (none in clear).
      const victimsOf = `FROM victim v JOIN register_import r ON r.case_id = v.case_id WHERE r.register_number = 'REG-0'`;
      expect(await count(intakeDb, `SELECT count(*) n ${victimsOf}`)).toBe(2);
      expect(await count(intakeDb, `SELECT count(*) n ${victimsOf} AND v.name LIKE '%Korban Lama%'`)).toBe(0);
      expect(await count(intakeDb, `SELECT count(*) n FROM victim WHERE name LIKE '%Korban Lama%'`)).toBe(0);
      expect(await count(intakeDb, `SELECT count(*) n FROM case_alert a JOIN register_import r ON r.case_id = a.case_id`)).toBe(0);

      for (const y of [2019, 2024]) {
        const ofYear = rows.filter((r) => r.year === y);
        const counted = ofYear.filter((r) => r.consent);
        const expected = {
          consent: {
            cases: new Set(counted.map((r) => r.number)).size,
            victims: counted.length,
            children: counted.filter((r) => r.age < 18).length,
          },
          duty: { cases: new Set(ofYear.map((r) => r.number)).size, victims: ofYear.length },
        };
        const at = async (node: string) => (await call(node, 'GET', `/statistics/tables?year=${y}`, 'analyst')).body.tables as Shown[];
        await waitFor(`${y}'s register at reporting`, async () => {
          const tables = await at('reporting');
          return Boolean(tables.length) && cell(tables, 'cases-by-month', 'total', String(y)) === expected.consent.cases;
        });
        const consent = await at('reporting');
        expect(cell(consent, 'victims-by-age-and-sex', 'total', 'total')).toBe(expected.consent.victims);
        expect(cell(consent, 'victims-child-or-adult', 'child', 'total')).toBe(expected.consent.children);
        expect(cell(consent, 'victims-by-occupation', 'labourer', 'total')).toBe(expected.consent.victims);
        expect(cell(consent, 'victims-by-disability', 'none', 'total')).toBe(expected.consent.victims);
        expect(cell(consent, 'cases-by-month', '03', String(y))).toBe(
          new Set(counted.filter((r) => r.month === '03').map((r) => r.number)).size,
        );
        await waitFor(`${y}'s register at the national node`, async () => {
          const tables = await at(NATIONAL.id);
          return Boolean(tables.length) && cell(tables, 'cases-by-month', 'total', String(y)) === expected.duty.cases;
        });
        expect(cell(await at(NATIONAL.id), 'victims-by-age-and-sex', 'total', 'total')).toBe(expected.duty.victims);
      }

      const again = await network.command('intake', ['import', 'cases', file]);
      expect(again.stdout).toContain('imported 0 case(s) with 0 victim(s) (0 de-identified');
      expect(again.stdout).toContain('150 already imported');
      expect(await count(intakeDb, 'SELECT count(*) n FROM case_file')).toBe(casesBefore + 125);
      expect(await count(intakeDb, `SELECT count(*) n FROM messaging_outbox WHERE pattern LIKE 'case.registered.%'`)).toBe(
        outboxBefore + 150,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
