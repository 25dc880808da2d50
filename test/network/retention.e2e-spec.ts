import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { databaseUrl, query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';
import { encodings } from '../support/encodings.js';

const run = promisify(execFile);

function person(label: string) {
  const tag = randomBytes(5).toString('hex');
  const birthDate = `19${randomInt(70, 99)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`;
  return {
    name: `${label} ${tag}`,
    idNumber: testNik('female', birthDate),
    birthDate,
    address: `Jalan Kenanga ${tag} No. 4`,
    safetyNotes: `Pelaku ${tag} menunggu di pelabuhan`,
    requestNotes: `Butuh rumah aman ${tag}`,
    narrative: `Korban ${tag} dijanjikan kerja di Malaysia`,
  };
}
type Person = ReturnType<typeof person>;

/**
 * Data lifetimes (design.md section 9, "Lifetimes"; docs/security.md,
 * "Retention"): the node's sweep, here every second instead of daily, erases
 * what has passed its time. Time passing is simulated by moving a row's dates
 * back (a closure six years ago, an answer eight days ago), which is exactly
 * what the sweep reads. Intake and the shelter on the shared bus and PostgreSQL.
 */
describe('data kept for its time and then erased', () => {
  let network: Network;
  const tokens = new Map<string, string>();
  const node = (name: string) => network.nodes.get(name)!;
  const db = (name: string) => node(name).database;

  async function call(name: string, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${node(name).url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${name}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function register(p: Person): Promise<{ caseId: string; victimId: string }> {
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'bp3mi-arrival',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['trafficking'], place: 'workplace', narrative: p.narrative },
      victims: [
        {
          name: p.name,
          sex: 'female',
          birthDate: p.birthDate,
          district: 'Kota Tanjungpinang',
          address: p.address,
          idNumber: p.idNumber,
          safetyNotes: p.safetyNotes,
          consent: { services: true, statistics: true },
        },
      ],
    });
    expect(res.status).toBe(201);
    return { caseId: res.body.id, victimId: res.body.victims[0].id };
  }

  /** A shelter referral, which the shelter's officer declines for no capacity, with a note naming her. */
  async function referDeclined(p: Person, v: { caseId: string; victimId: string }): Promise<string> {
    const referred = await call('intake', 'POST', `/cases/${v.caseId}/referrals`, 'worker', {
      victimId: v.victimId,
      service: 'shelter',
      agencyId: node('shelter').agency,
      requestNotes: p.requestNotes,
    });
    expect(referred.status).toBe(201);
    const id = referred.body.id as string;
    await waitFor(
      'the referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${id}`, 'supervisor')).status === 200,
    );
    const declined = await call('shelter', 'POST', `/referrals/${id}/decline`, 'worker', {
      code: 'no-capacity',
      reason: `Kamar penuh untuk ${p.name}`,
    });
    expect(declined.status).toBe(200);
    await waitFor('the shelter’s decline at intake', async () => {
      const c = await call('intake', 'GET', `/cases/${v.caseId}`, 'worker');
      return c.body.referrals.find((r: { id: string; state: string }) => r.id === id)?.state === 'declined';
    });
    return id;
  }

  async function close(caseId: string): Promise<void> {
    const res = await call('intake', 'POST', `/cases/${caseId}/close`, 'worker', { note: 'Korban kembali ke keluarga di Lombok Timur' });
    expect(res.status).toBe(200);
  }

  const dump = async (name: string) =>
    (await run('pg_dump', ['--no-owner', '--no-privileges', databaseUrl(db(name))], { maxBuffer: 256 << 20 })).stdout;

  function expectAbsent(dumped: string, values: string[]) {
    const found = values.flatMap((v) =>
      encodings(v)
        .filter((form) => dumped.includes(form))
        .map((form) => `${v} as ${form}`),
    );
    expect(found).toEqual([]);
  }

  const keys = async (name: string, victimId: string) =>
    Number((await query<{ n: string }>(db(name), `SELECT count(*) n FROM key_store.data_key WHERE subject_id = $1`, [victimId]))[0].n);

  beforeAll(async () => {
    const env = { RETENTION_SWEEP_INTERVAL_SECONDS: '1' };
    network = await startSevenNodes({
      label: 'retention',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'shelter'],
      nodeEnv: { intake: env, shelter: env },
    });
    const staff = await signInStaff(network, [
      { username: 'worker', role: 'case-worker' },
      { username: 'supervisor', role: 'supervisor' },
    ]);
    for (const [key, account] of staff) tokens.set(key, account.token);
  }, 180_000);

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  it('holds a case’s own words about people sealed at rest at intake, and shows them in clear to its staff', async () => {
    const tag = randomBytes(5).toString('hex');
    const words = {
      narrative: `Dijual oleh agen ${tag} di Batam`,
      reporterName: `Ibu Pelapor ${tag}`,
      reporterPhone: `+62 812 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`,
      perpetrator: `Pak Agen ${tag}`,
      stageNotes: `Ditampung di rumah ${tag}`,
      needs: `Saya ingin pulang ke ibu ${tag}`,
      reportNote: `Kakak ${tag} menelepon lagi`,
      closure: `Ditutup setelah ${tag} pulang`,
      reopen: `Dibuka lagi karena ${tag} kembali`,
    };
    const her = person('Korban Kata');
    const res = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'hotline',
      kind: 'trafficking',
      riskLevel: 'high',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['trafficking'], place: 'workplace', narrative: words.narrative },
      reporter: { relation: 'family', anonymous: false, name: words.reporterName, phone: words.reporterPhone },
      perpetrators: [{ name: words.perpetrator, sex: 'male', ageYears: 45, relation: 'employer' }],
      traffickingStages: [{ stage: 'transit', place: 'Batam', notes: words.stageNotes }],
      victims: [
        {
          name: her.name,
          sex: 'female',
          birthDate: her.birthDate,
          district: 'Kota Tanjungpinang',
          idNumber: her.idNumber,
          consent: { services: true, statistics: true },
        },
      ],
    });
    expect(res.status).toBe(201);
    const caseId = res.body.id as string;
    const victimId = res.body.victims[0].id as string;
    expect(
      (await call('intake', 'POST', `/cases/${caseId}/victims/${victimId}/assessments`, 'worker', { needsInOwnWords: words.needs })).status,
    ).toBe(201);
    const attached = await call('intake', 'POST', `/cases/${caseId}/reports`, 'worker', {
      channel: 'hotline',
      reporter: { relation: 'family', anonymous: false, name: words.reporterName, phone: words.reporterPhone },
      victim: { name: her.name, sex: 'female', birthDate: her.birthDate, district: 'Kota Tanjungpinang', idNumber: her.idNumber },
      note: words.reportNote,
    });
    expect(attached.status).toBe(201);
    expect((await call('intake', 'POST', `/cases/${caseId}/close`, 'worker', { note: words.closure })).status).toBe(200);
    expect((await call('intake', 'POST', `/cases/${caseId}/reopen`, 'supervisor', { reason: words.reopen })).status).toBe(200);

    expectAbsent(await dump('intake'), Object.values(words));
    const view = (await call('intake', 'GET', `/cases/${caseId}`, 'worker')).body;
    expect(view.incident.narrative).toBe(words.narrative);
    expect(view.reporter).toMatchObject({ name: words.reporterName, phone: words.reporterPhone });
    expect(view.perpetrators[0].name).toBe(words.perpetrator);
    expect(view.traffickingStages[0].notes).toBe(words.stageNotes);
    expect(view.reports[1]).toMatchObject({ note: words.reportNote, reporter: expect.objectContaining({ name: words.reporterName }) });
    const plan = (await call('intake', 'GET', `/cases/${caseId}/plan`, 'worker')).body;
    expect(plan.assessments[0].needsInOwnWords).toBe(words.needs);
    const timeline = JSON.stringify((await call('intake', 'GET', `/cases/${caseId}/timeline`, 'worker')).body);
    expect(timeline).toContain(words.closure);
    expect(timeline).toContain(words.reopen);
  });

  it('forgets a referral declined for no capacity at the shelter after the grace period, keeping that it was declined', async () => {
    const her = person('Korban Ditolak');
    const v = await register(her);
    const referralId = await referDeclined(her, v);
    // Within the grace (7 days by default) the shelter still has her.
    const before = await call('shelter', 'GET', `/referrals/${referralId}`, 'supervisor');
    expect(before.body.person.name).toBe(her.name);
    expect(await keys('shelter', v.victimId)).toBe(1);

    await query(db('shelter'), `UPDATE incoming_referral SET updated_at = now() - interval '8 days' WHERE referral_id = $1`, [referralId]);
    await waitFor('her person forgotten at the shelter', async () => {
      const [row] = await query<{ erased: Date | null }>(
        db('shelter'),
        `SELECT person_erased_at AS erased FROM incoming_referral WHERE referral_id = $1`,
        [referralId],
      );
      return row.erased !== null;
    });
    const after = await call('shelter', 'GET', `/referrals/${referralId}`, 'supervisor');
    expect(after.status).toBe(200);
    expect({ state: after.body.state, code: after.body.declineCode, person: after.body.person }).toEqual({
      state: 'declined',
      code: 'no-capacity',
      person: {},
    });
    expect(await keys('shelter', v.victimId)).toBe(0);
    expectAbsent(await dump('shelter'), [her.name, her.idNumber, her.address, her.safetyNotes, her.requestNotes]);
    // Intake, which serves her, still has her: its retention runs from her case's closure.
    const atIntake = await call('intake', 'GET', `/cases/${v.caseId}`, 'worker');
    expect(atIntake.body.victims[0].name).toBe(her.name);
  });

  it('keeps a declined referral’s person under the shelter’s legal hold, and erases a victim whose referrals ended longer ago than the retention', async () => {
    const held = person('Korban Ditahan');
    const gone = person('Korban Lewat');
    const h = await register(held);
    const g = await register(gone);
    const heldReferral = await referDeclined(held, h);
    const goneReferral = await referDeclined(gone, g);
    const hold = await call('shelter', 'POST', `/referrals/${heldReferral}/legal-hold`, 'supervisor', {
      reason: 'Berkas diminta penyidik Unit PPA',
    });
    expect(hold.status).toBe(200);
    await query(db('shelter'), `UPDATE incoming_referral SET updated_at = now() - interval '6 years' WHERE referral_id = ANY($1::uuid[])`, [
      [heldReferral, goneReferral],
    ]);
    await waitFor('the victim past the retention erased at the shelter', async () => {
      const rows = await query(db('shelter'), `SELECT 1 FROM incoming_referral WHERE referral_id = $1`, [goneReferral]);
      return rows.length === 0;
    });
    expect(await keys('shelter', g.victimId)).toBe(0);
    // The held one: two more sweeps later, still whole.
    await new Promise((r) => setTimeout(r, 2500));
    const kept = await call('shelter', 'GET', `/referrals/${heldReferral}`, 'supervisor');
    expect(kept.body.person.name).toBe(held.name);
    expect(await keys('shelter', h.victimId)).toBe(1);
    const dumped = await dump('shelter');
    expectAbsent(dumped, [gone.name, gone.idNumber, gone.address, gone.safetyNotes, gone.requestNotes]);
  });

  it('erases a case closed longer ago than the retention at intake, keeps one under a legal hold until it is lifted, and refuses a bad hold', async () => {
    const old = person('Korban Lama');
    const held = person('Korban Perkara');
    const o = await register(old);
    const h = await register(held);
    // Her case's notes and follow-ups: blanked with the case's words.
    const caseNote = `Catatan tentang ${old.name}`;
    expect((await call('intake', 'POST', `/cases/${o.caseId}/notes`, 'worker', { body: caseNote })).status).toBe(201);
    const dueOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    expect((await call('intake', 'POST', `/cases/${o.caseId}/follow-ups`, 'worker', { task: `Telepon ${old.name}`, dueOn })).status).toBe(
      201,
    );
    await close(o.caseId);
    await close(h.caseId);
    // A hold needs a reason, and a supervisor.
    const empty = await call('intake', 'POST', `/cases/${h.caseId}/legal-hold`, 'supervisor', { reason: '' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('reason');
    expect((await call('intake', 'POST', `/cases/${h.caseId}/legal-hold`, 'worker', { reason: 'Perkara berjalan' })).status).toBe(403);
    const reason = 'Perkara TPPO dalam persidangan di PN Tanjungpinang';
    const hold = await call('intake', 'POST', `/cases/${h.caseId}/legal-hold`, 'supervisor', { reason });
    expect(hold.body).toEqual({ caseId: h.caseId, legalHold: reason });
    const counted = await query<{ sex: string; district: string }>(db('intake'), `SELECT sex, district FROM victim WHERE id = $1`, [
      o.victimId,
    ]);

    await query(db('intake'), `UPDATE case_file SET closed_at = now() - interval '6 years' WHERE id = ANY($1::uuid[])`, [
      [o.caseId, h.caseId],
    ]);
    await waitFor('the old case erased at intake', async () => {
      const c = await call('intake', 'GET', `/cases/${o.caseId}`, 'worker');
      return c.body.retentionErasedAt ? c.body : undefined;
    });
    const erased = await call('intake', 'GET', `/cases/${o.caseId}`, 'worker');
    expect(erased.body.status).toBe('closed');
    expect(erased.body.incident.narrative).toBeNull();
    expect(erased.body.closure.note).toBeNull();
    expect(erased.body.victims[0]).toMatchObject({ name: '', idNumber: null, birthDate: null, address: null, safetyNotes: null });
    const notes = await call('intake', 'GET', `/cases/${o.caseId}/notes`, 'worker');
    expect(notes.body.notes.map((n: { body: string }) => n.body)).toEqual(['']);
    expect(notes.body.followUps.map((f: { task: string }) => f.task)).toEqual(['']);
    // What reporting and the agency count stays.
    expect(await query(db('intake'), `SELECT sex, district FROM victim WHERE id = $1`, [o.victimId])).toEqual(counted);
    expect(await keys('intake', o.victimId)).toBe(0);
    expect((await query(db('intake'), `SELECT 1 FROM victim_match_key WHERE victim_id = $1`, [o.victimId])).length).toBe(0);

    // The held case, swept at least twice since: whole, and it says why.
    await new Promise((r) => setTimeout(r, 2500));
    const kept = await call('intake', 'GET', `/cases/${h.caseId}`, 'worker');
    expect(kept.body.retentionErasedAt).toBeNull();
    expect(kept.body.legalHold.reason).toBe(reason);
    expect(kept.body.victims[0].name).toBe(held.name);
    expect(kept.body.incident.narrative).toBe(held.narrative);
    expectAbsent(await dump('intake'), [old.name, old.idNumber, old.address, old.safetyNotes, old.narrative]);

    // Her re-report is not linked to anyone erased.
    const again = await register({ ...person('Korban Lama Lagi'), idNumber: old.idNumber, birthDate: old.birthDate });
    const reReport = await call('intake', 'GET', `/cases/${again.caseId}`, 'worker');
    expect(reReport.body.victims[0].sameAs).toEqual([]);

    // Lifted: the next sweep erases it.
    const lifted = await call('intake', 'DELETE', `/cases/${h.caseId}/legal-hold`, 'supervisor');
    expect(lifted.body).toEqual({ caseId: h.caseId, legalHold: null });
    await waitFor('the case erased once its hold was lifted', async () => {
      const c = await call('intake', 'GET', `/cases/${h.caseId}`, 'worker');
      return c.body.retentionErasedAt ? c.body : undefined;
    });
    expect((await call('intake', 'DELETE', `/cases/${h.caseId}/legal-hold`, 'supervisor')).status).toBe(404);
  });

  it('purges an outbox body a week after its receipt and a dead letter a week after it was resolved, keeping the rest', async () => {
    const her = person('Korban Pesan');
    const v = await register(her);
    const referralId = await referDeclined(her, v);
    const [sent] = await query<{ seq: string }>(
      db('intake'),
      `SELECT seq FROM messaging_outbox WHERE envelope->>'type' = 'referral.requested' AND envelope->'payload'->>'referralId' = $1`,
      [referralId],
    );
    expect(sent).toBeDefined();
    const [fresh] = await query<{ seq: string }>(
      db('intake'),
      `SELECT seq FROM messaging_outbox WHERE envelope->>'victimId' = $1 AND seq <> $2 AND sent_at IS NOT NULL ORDER BY seq LIMIT 1`,
      [v.victimId, sent.seq],
    );
    await query(
      db('intake'),
      `UPDATE messaging_outbox SET receipt_at = now() - interval '8 days' WHERE seq = $1 AND receipt_at IS NOT NULL`,
      [sent.seq],
    );
    const letter = (replayedDaysAgo: number | null) =>
      query<{ id: string }>(
        db('intake'),
        `INSERT INTO messaging_dead_letter (consumer, subject, reason, data, created_at, replayed_at, replay_outcome)
         VALUES ('TEST', 'test.subject', 'malformed', '\\x7b7d', now() - interval '9 days',
                 CASE WHEN $1::int IS NULL THEN NULL ELSE now() - make_interval(days => $1::int) END,
                 CASE WHEN $1::int IS NULL THEN NULL ELSE 'applied' END) RETURNING id`,
        [replayedDaysAgo],
      );
    const [resolved] = await letter(8);
    const [recent] = await letter(1);
    const [open] = await letter(null);

    await waitFor('the receipted body purged', async () => {
      const [row] = await query<{ purged: Date | null }>(
        db('intake'),
        `SELECT body_purged_at AS purged FROM messaging_outbox WHERE seq = $1`,
        [sent.seq],
      );
      return row.purged !== null;
    });
    const [body] = await query<{ envelope: Record<string, unknown> }>(
      db('intake'),
      `SELECT envelope FROM messaging_outbox WHERE seq = $1`,
      [sent.seq],
    );
    expect(body.envelope.payload).toEqual({ service: 'shelter' }); // kept for the case's history; the rest is gone
    expect(body.envelope).not.toHaveProperty('encrypted');
    expect(body.envelope).toMatchObject({ type: 'referral.requested', caseId: v.caseId, victimId: v.victimId });
    if (fresh) {
      const [kept] = await query<{ purged: Date | null }>(
        db('intake'),
        `SELECT body_purged_at AS purged FROM messaging_outbox WHERE seq = $1`,
        [fresh.seq],
      );
      expect(kept.purged).toBeNull();
    }
    // The case's history still lists what was sent.
    const timeline = await call('intake', 'GET', `/cases/${v.caseId}/timeline`, 'worker');
    expect(JSON.stringify(timeline.body)).toContain('referral.requested');
    await waitFor('the resolved dead letter purged', async () => {
      const rows = await query<{ id: string }>(db('intake'), `SELECT id FROM messaging_dead_letter WHERE id = ANY($1::uuid[])`, [
        [resolved.id, recent.id, open.id],
      ]);
      return rows.length === 2 ? rows : undefined;
    });
    const left = await query<{ id: string }>(db('intake'), `SELECT id FROM messaging_dead_letter WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [resolved.id, recent.id, open.id],
    ]);
    expect(left.map((r) => r.id).sort()).toEqual([recent.id, open.id].sort());
    await query(db('intake'), `DELETE FROM messaging_dead_letter WHERE consumer = 'TEST'`);
  });
});
