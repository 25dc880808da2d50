import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DICTIONARY, REFERRAL_FIELDS, type ReferredPersonField, type ServiceType } from '@rujukan/contracts';
import type { Network } from '../../scripts/network/start-network.js';
import { launchChromium } from '../support/chromium.js';
import { walkInComplaint } from '../support/complaint.js';
import { query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

const ID = DICTIONARY.id.console;
const D = DICTIONARY.id;
const LETTER = DICTIONARY.id.letter;
const UNIT = 'UPTD PPA Kota Tanjungpinang';
const LETTER_ADDRESS = 'Jl. Basuki Rahmat No. 1, Tanjungpinang; telp. 0771 000129';
/** The victim's fields a letter may print (its request notes come under their own heading). */
const PERSON_FIELDS = [
  'name',
  'sex',
  'ageYears',
  'idNumber',
  'district',
  'safetyNotes',
  'violenceTypes',
  'incidentDate',
  'incidentPlace',
  'perpetratorRelation',
  'incidentNarrative',
] as const satisfies readonly ReferredPersonField[];

/** The text of every page of a PDF, as pdfjs reads it. */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({
    data: bytes,
    standardFontDataUrl: `${resolve('node_modules/pdfjs-dist/standard_fonts')}/`,
    useSystemFonts: false,
  }).promise;
  const items: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    for (const item of (await (await doc.getPage(n)).getTextContent()).items) if ('str' in item && item.str.trim()) items.push(item.str);
  }
  await doc.destroy();
  return items;
}

/** The person's fields a letter prints: those whose label ("Nama:") is there. */
const printedFields = (text: string[]) => PERSON_FIELDS.filter((f) => text.includes(`${LETTER[f]}:`));

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
const labelled = (label: string) => new RegExp(`^${escape(label)}( \\(${escape(ID.required)}\\))?$`);

/**
 * Referrals to an agency that runs no node (a school, a religious leader, a
 * clinic outside the network), against a real intake node and reporting: the
 * referral is a row like any other (work lists, closure rule, reporting's
 * facts under agency 'external'), its letter is a PDF written on the node
 * holding only the service's fields, and its answer is recorded by hand, in
 * the API and by clicking in Chromium.
 */
describe('referrals outside the network, with a letter', () => {
  let network: Network;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const tokens = new Map<string, string>();
  const passwords = new Map<string, string>();
  const problems: string[] = [];
  const logLines: string[] = [];
  const intake = () => network.nodes.get('intake')!;

  // Untyped by default, as JSON.parse answers: each test reads the fields it checks.
  async function call<T = ReturnType<typeof JSON.parse>>(method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${intake().url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(as)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    if (type.startsWith('application/pdf'))
      return { status: res.status, headers: res.headers, body: undefined as T, bytes: new Uint8Array(await res.arrayBuffer()) };
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T, bytes: undefined };
  }

  /** A case with one victim known in full: NIK, safety notes, the incident's date, place, perpetrator and narrative. */
  async function register(as = 'worker') {
    const name = `Korban ${randomBytes(4).toString('hex')}`;
    const nik = testNik('female', '1996-03-02');
    const narrative = `Kronologi ${randomBytes(4).toString('hex')}: dipukul di rumah`;
    const safety = `Keselamatan ${randomBytes(4).toString('hex')}`;
    const res = await call(
      'POST',
      '/cases',
      as,
      walkInComplaint(
        {
          incident: {
            violenceTypes: ['physical', 'psychological'],
            place: 'household',
            date: '2026-11-20',
            perpetratorRelation: 'spouse',
            narrative,
          },
        },
        { name, idNumber: nik, birthDate: '1996-03-02', ageYears: undefined, safetyNotes: safety },
      ),
    );
    expect(res.status).toBe(201);
    return {
      caseId: res.body.id as string,
      victimId: res.body.victims[0].id as string,
      caseNumber: res.body.caseNumber as string,
      name,
      nik,
      narrative,
      safety,
    };
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'letters',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'reporting'],
      nodeEnv: { intake: { REFERRAL_LETTER_ADDRESS: LETTER_ADDRESS } },
      onLine: (name, line) => name === 'intake' && logLines.push(line),
    });
    const staff = await signInStaff(
      network,
      [
        { username: 'worker', role: 'case-worker' },
        { username: 'other', role: 'case-worker' },
        { username: 'chief', role: 'supervisor' },
      ],
      [{ username: 'analyst', role: 'analyst' }],
    );
    for (const [key, account] of staff) {
      if (!key.startsWith('intake/')) continue;
      tokens.set(account.username, account.token);
      passwords.set(account.username, account.password);
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    if (problems.length) process.stderr.write(`the page's console:\n${problems.join('\n')}\n`);
    await browser?.close();
    await removeSevenNodes(network);
  });

  it('refuses bad input with field errors and stores nothing', async () => {
    const c = await register();
    const count = async () =>
      Number((await query<{ n: string }>(intake().database, 'SELECT count(*) n FROM referral WHERE case_id = $1', [c.caseId]))[0].n);
    const bad = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', {
      victimId: c.victimId,
      service: 'haircut',
      agencyName: 'x'.repeat(201),
      agencyAddress: 'y'.repeat(301),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['agencyAddress', 'agencyName', 'service']);
    const missing = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', { victimId: c.victimId, service: 'shelter' });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.fields)).toEqual(['agencyName']);
    const blank = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', {
      victimId: c.victimId,
      service: 'shelter',
      agencyName: '   ',
    });
    expect(blank.status).toBe(400);
    expect(Object.keys(blank.body.fields)).toEqual(['agencyName']);
    const stranger = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', {
      victimId: c.caseId,
      service: 'shelter',
      agencyName: 'Klinik Pratama Sehat',
    });
    expect(stranger.status).toBe(400);
    expect(Object.keys(stranger.body.fields)).toEqual(['victimId']);
    expect(await count()).toBe(0);
  });

  it('writes a letter with only the service’s fields, records its answers by hand, and reporting counts it', async () => {
    const c = await register();
    const spiritual = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', {
      victimId: c.victimId,
      service: 'spiritual-guidance',
      agencyName: 'Pastor Yohanes, Paroki Santo Yosef',
      agencyAddress: 'Jl. Gereja No. 2, Tanjungpinang',
      requestNotes: 'Mohon pendampingan rohani mingguan.',
    });
    expect(spiritual.status).toBe(201);
    expect(spiritual.body).toMatchObject({ agencyId: 'external', state: 'requested', service: 'spiritual-guidance' });
    const legal = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', {
      victimId: c.victimId,
      service: 'legal-aid',
      agencyName: 'LBH Kepri (belum terhubung)',
    });
    expect(legal.status).toBe(201);

    // The letter: heading, number, addressee, service, and of her only what spiritual guidance may know.
    const letter = await call('GET', `/referrals/${spiritual.body.id}/letter`, 'worker');
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toMatch(/^application\/pdf/);
    const disposition = letter.headers.get('content-disposition')!;
    expect(disposition).toBe(`attachment; filename="surat-rujukan-${c.caseNumber}-1.pdf"`);
    expect(disposition).not.toContain(c.name.split(' ')[1]);
    const text = await pdfText(letter.bytes!);
    const all = text.join('\n');
    expect(text.slice(0, 2)).toEqual([UNIT, LETTER_ADDRESS]);
    expect(text).toEqual(expect.arrayContaining([LETTER.title, `Nomor: ${c.caseNumber}/RUJ/1`, 'Pastor Yohanes, Paroki Santo Yosef']));
    expect(text).toEqual(
      expect.arrayContaining([D.service['spiritual-guidance'], c.name, D.sex.female, 'Mohon pendampingan rohani mingguan.']),
    );
    expect(printedFields(text)).toEqual(REFERRAL_FIELDS['spiritual-guidance'].filter((f) => f !== 'requestNotes'));
    for (const secret of [c.nik, c.narrative, c.safety, D.relation.spouse, D.violenceType.physical]) expect(all).not.toContain(secret);
    expect(all).toContain(LETTER.answerTitle);

    // Legal aid may know her NIK and the narrative: its letter has them (and no safety notes).
    const legalLetter = await call('GET', `/referrals/${legal.body.id}/letter?lang=id`, 'worker');
    const legalText = await pdfText(legalLetter.bytes!);
    expect(printedFields(legalText)).toEqual(REFERRAL_FIELDS['legal-aid'].filter((f) => f !== 'requestNotes'));
    expect(legalText).toEqual(expect.arrayContaining([c.nik, `Nomor: ${c.caseNumber}/RUJ/2`, D.relation.spouse]));
    expect(legalText.join('\n')).toContain(c.narrative.slice(0, 20));
    expect(legalText.join('\n')).not.toContain(c.safety);
    const english = await pdfText((await call('GET', `/referrals/${legal.body.id}/letter?lang=en`, 'worker')).bytes!);
    expect(english).toEqual(expect.arrayContaining([DICTIONARY.en.letter.title, DICTIONARY.en.service['legal-aid']]));
    expect((await call('GET', `/referrals/${legal.body.id}/letter?lang=xx`, 'worker')).status).toBe(400);

    // Each download is an export in the access record, under the referral's id.
    const exports = await query<{ n: string }>(
      intake().database,
      `SELECT count(*) n FROM access_record WHERE action = 'export' AND resource = 'referral' AND resource_id = $1 AND outcome = 'allowed'`,
      [legal.body.id],
    );
    expect(Number(exports[0].n)).toBe(2);

    // Another case worker cannot have her letter; a supervisor can.
    expect((await call('GET', `/referrals/${spiritual.body.id}/letter`, 'other')).status).toBe(403);
    expect((await call('GET', `/referrals/${spiritual.body.id}/letter`, 'chief')).status).toBe(200);

    // The answer by hand: forward only, a decline with its code; field errors otherwise.
    const noCode = await call('POST', `/referrals/${legal.body.id}/external-answer`, 'worker', { state: 'declined' });
    expect(noCode.status).toBe(400);
    expect(Object.keys(noCode.body.fields)).toEqual(['declineCode']);
    const badState = await call('POST', `/referrals/${legal.body.id}/external-answer`, 'worker', { state: 'revoked' });
    expect(badState.status).toBe(400);
    expect(Object.keys(badState.body.fields)).toEqual(['state']);
    const declined = await call('POST', `/referrals/${legal.body.id}/external-answer`, 'worker', {
      state: 'declined',
      declineCode: 'no-capacity',
      note: 'Tidak ada advokat pekan ini',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ state: 'declined', declineCode: 'no-capacity' });
    const afterDecline = await call('POST', `/referrals/${legal.body.id}/external-answer`, 'worker', { state: 'accepted' });
    expect(afterDecline.status).toBe(400);
    expect(Object.keys(afterDecline.body.fields)).toEqual(['state']);
    expect((await call('POST', `/referrals/${spiritual.body.id}/external-answer`, 'worker', { state: 'accepted' })).body.state).toBe(
      'accepted',
    );
    const backwards = await call('POST', `/referrals/${spiritual.body.id}/external-answer`, 'worker', { state: 'accepted' });
    expect(backwards.status).toBe(400);
    expect((await call('POST', `/referrals/${spiritual.body.id}/external-answer`, 'worker', { state: 'completed' })).body.state).toBe(
      'completed',
    );

    // The case's view and timeline, and the declined list (it asks for legal aid again).
    const view = await call('GET', `/cases/${c.caseId}`, 'worker');
    expect(view.body.referrals).toEqual([
      expect.objectContaining({
        agencyId: 'external',
        state: 'completed',
        externalAgency: { name: 'Pastor Yohanes, Paroki Santo Yosef', address: 'Jl. Gereja No. 2, Tanjungpinang' },
      }),
      expect.objectContaining({
        agencyId: 'external',
        state: 'declined',
        externalAgency: { name: 'LBH Kepri (belum terhubung)', address: null },
      }),
    ]);
    const timeline = (
      await call<Array<{ what: string; direction: string; agency?: string; detail?: string }>>(
        'GET',
        `/cases/${c.caseId}/timeline`,
        'worker',
      )
    ).body;
    expect(timeline.filter((e) => e.what.startsWith('referral.external'))).toEqual([
      expect.objectContaining({ what: 'referral.external', direction: 'sent', agency: 'external', detail: 'spiritual-guidance' }),
      expect.objectContaining({ what: 'referral.external', direction: 'sent', agency: 'external', detail: 'legal-aid' }),
      expect.objectContaining({ what: 'referral.external-declined', direction: 'recorded', detail: 'legal-aid (no-capacity)' }),
      expect.objectContaining({ what: 'referral.external-accepted', direction: 'recorded', detail: 'spiritual-guidance' }),
      expect.objectContaining({ what: 'referral.external-completed', direction: 'recorded', detail: 'spiritual-guidance' }),
    ]);
    const declinedList = (await call<Array<{ id: string; agencyId: string }>>('GET', '/referrals/declined', 'worker')).body;
    expect(declinedList).toEqual(expect.arrayContaining([expect.objectContaining({ id: legal.body.id, agencyId: 'external' })]));

    // Nothing went on the bus to 'external'; reporting counts both under it.
    const toExternal = async () =>
      Number((await query<{ n: string }>(intake().database, `SELECT count(*) n FROM messaging_outbox WHERE recipient = 'external'`))[0].n);
    expect(await toExternal()).toBe(0);
    const facts = await waitFor('reporting’s referral facts', async () => {
      const rows = await query<{ service: string; status: string; agency_id: string; decline_reason: string | null }>(
        network.nodes.get('reporting')!.database,
        `SELECT service, status, agency_id, decline_reason FROM referral_fact WHERE service IN ('spiritual-guidance', 'legal-aid') ORDER BY service`,
      );
      return rows.length === 2 && rows.every((r) => r.status !== 'requested' && r.status !== 'accepted') ? rows : undefined;
    });
    expect(facts).toEqual([
      { service: 'legal-aid', status: 'declined', agency_id: 'external', decline_reason: 'no-capacity' },
      { service: 'spiritual-guidance', status: 'completed', agency_id: 'external', decline_reason: null },
    ]);

    // Revoking an open one only records it; erasing her blanks the outside agency and forwards nothing there.
    const open = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', {
      victimId: c.victimId,
      service: 'shelter',
      agencyName: 'Rumah Singgah Keluarga Marta',
    });
    const revoked = await call('POST', `/referrals/${open.body.id}/revoke`, 'worker', { reason: 'Korban memilih tinggal dengan kakaknya' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    // Once it no longer asks the agency to act, its letter prints nothing about her.
    expect((await call('GET', `/referrals/${open.body.id}/letter`, 'worker')).status).toBe(409);
    expect((await call('GET', `/referrals/${spiritual.body.id}/letter`, 'worker')).status).toBe(409);
    const stillOpen = await call('POST', `/cases/${c.caseId}/external-referrals`, 'worker', {
      victimId: c.victimId,
      service: 'health',
      agencyName: 'Klinik Pratama Sehati',
    });
    expect(stillOpen.status).toBe(201);
    expect((await call('GET', `/cases/${c.caseId}/timeline`, 'worker')).body.map((e: { what: string }) => e.what)).toContain(
      'referral.external-revoked',
    );
    const erasure = await call('POST', `/victims/${c.victimId}/erasure`, 'chief');
    expect(erasure.status).toBe(202);
    expect(erasure.body.agencies.map((a: { agencyId: string }) => a.agencyId)).not.toContain('external');
    const stored = await query<{ external_agency_name: string | null; external_agency_address: string | null }>(
      intake().database,
      'SELECT external_agency_name, external_agency_address FROM referral WHERE victim_id = $1',
      [c.victimId],
    );
    expect(stored).toEqual(Array(4).fill({ external_agency_name: null, external_agency_address: null }));
    expect(await toExternal()).toBe(0);
    // After her erasure her open referral outside takes no new words about her: no answer, no revocation.
    const notes = async () =>
      (
        await query<{ n: string }>(intake().database, 'SELECT count(*) n FROM referral WHERE id = $1 AND outcome_note IS NOT NULL', [
          stillOpen.body.id,
        ])
      )[0].n;
    expect(
      (await call('POST', `/referrals/${stillOpen.body.id}/external-answer`, 'worker', { state: 'accepted', note: 'Diterima dokter Ani' }))
        .status,
    ).toBe(409);
    expect((await call('POST', `/referrals/${stillOpen.body.id}/revoke`, 'worker', { reason: 'Sudah tidak perlu' })).status).toBe(409);
    expect((await call('GET', `/referrals/${stillOpen.body.id}/letter`, 'worker')).status).toBe(409);
    expect(await notes()).toBe('0');
    // Her name and NIK were never logged.
    expect(logLines.filter((l) => l.includes(c.name) || l.includes(c.nik))).toEqual([]);
  });

  /** Chooses an option of a React Aria Select by clicking it open, then the option. */
  async function choose(scope: Locator, label: string, option: string) {
    await scope
      .locator('.select')
      .filter({ has: scope.page().locator('.react-aria-Label', { hasText: labelled(label) }) })
      .first()
      .locator('button')
      .click();
    await scope.page().getByRole('option', { name: option, exact: true }).click();
  }

  async function axeViolations(on: Page): Promise<string[]> {
    await on.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
    const result = await on.evaluate(() => {
      const g = globalThis as unknown as AxeGlobals;
      return g.axe.run(g.document, { resultTypes: ['violations'] });
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('by clicking: refers to an agency outside the network, downloads its letter, records its acceptance', async () => {
    const c = await register();
    page = await browser.context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${intake().url}/`);
    await page.getByLabel(labelled(ID.username)).fill('worker');
    await page.getByLabel(labelled(ID.password)).fill(passwords.get('worker')!);
    await page.getByRole('button', { name: ID.signIn, exact: true }).click();
    await page.waitForSelector('body[data-session="signed-in"]');
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
    }, c.caseId);
    await page.locator(`article[data-case="${c.caseId}"]`).waitFor();

    const referrals = page.locator('#referrals');
    await choose(referrals, ID.forVictim, c.name);
    await choose(referrals, ID.service, D.service['spiritual-guidance' satisfies ServiceType]);
    await choose(referrals, ID.agency, ID.externalAgency);
    await referrals.getByLabel(labelled(ID.externalAgencyName)).fill('Ustazah Aisyah, Majelis Taklim An-Nur');
    await referrals.getByLabel(labelled(ID.externalAgencyAddress)).fill('Jl. Masjid Raya No. 7');
    await referrals.getByLabel(labelled(ID.requestNotes)).fill('Pendampingan rohani setiap Jumat.');
    // The form with the outside agency's fields is accessible.
    expect(await axeViolations(page)).toEqual([]);
    await referrals.getByRole('button', { name: ID.refer, exact: true }).click();
    const item = referrals.locator('[data-referral][data-external="yes"][data-state="requested"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('Ustazah Aisyah, Majelis Taklim An-Nur');
    const referralId = (await item.getAttribute('data-referral'))!;

    // The letter: fetched with her token, handed to the browser as a download; its text as the API's.
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: ID.downloadLetter }).click()]);
    expect(download.suggestedFilename()).toBe(`surat-rujukan-${c.caseNumber}-1.pdf`);
    const path = await download.path();
    const text = await pdfText(new Uint8Array(readFileSync(path)));
    expect(text.slice(0, 2)).toEqual([UNIT, LETTER_ADDRESS]);
    expect(text).toEqual(
      expect.arrayContaining([
        'Ustazah Aisyah, Majelis Taklim An-Nur',
        'Jl. Masjid Raya No. 7',
        c.name,
        'Pendampingan rohani setiap Jumat.',
      ]),
    );
    expect(printedFields(text)).toEqual(['name', 'sex', 'ageYears']);
    expect(text.join('\n')).not.toContain(c.nik);
    expect(text.join('\n')).not.toContain(c.narrative);

    // The answer by hand: accepted, then completed.
    expect(await axeViolations(page)).toEqual([]);
    await item.getByRole('button', { name: ID.answerAccepted }).click();
    const accepted = referrals.locator(`[data-referral="${referralId}"][data-state="accepted"]`);
    await accepted.waitFor();
    const entry = page.locator('#timeline li[data-what="referral.external-accepted"]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain(D.timelineEntry['referral.external-accepted']);
    expect(await page.locator('#timeline li[data-what="referral.external"]').textContent()).toContain(ID.externalAgency);
    await accepted.getByRole('button', { name: ID.answerCompleted }).click();
    await referrals.locator(`[data-referral="${referralId}"][data-state="completed"]`).waitFor();
    const [row] = await query<{ state: string; agency_id: string }>(
      intake().database,
      'SELECT state, agency_id FROM referral WHERE id = $1',
      [referralId],
    );
    expect(row).toEqual({ state: 'completed', agency_id: 'external' });
    expect(problems).toEqual([]);
  }, 120_000);
});
