import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  CaseRegistered,
  SPEC_VERSION,
  StatisticsConsentGiven,
  StatisticsConsentWithdrawn,
  type CaseRegisteredV1,
  type EventEnvelope,
  type StatisticsConsentGivenV1,
} from '@rujukan/contracts';
import { EventContext, Transaction, type MessagingConfig } from '@rujukan/messaging';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@rujukan/persistence';
import { CaseFact, ReferralFact, VictimFact } from '../projections/facts.entities.js';
import { REPORTING_MIGRATIONS } from '../reporting.module.js';
import { ChangeStatisticsConsentService } from '../change-statistics-consent/change-statistics-consent.service.js';
import { CountWhenStatisticsConsentGiven } from '../change-statistics-consent/count-when-statistics-consent-given.event-handler.js';
import { UncountWhenStatisticsConsentWithdrawn } from '../change-statistics-consent/uncount-when-statistics-consent-withdrawn.event-handler.js';
import { CaseFactsRepository } from '../repositories/case-facts.repository.js';
import { VictimFactsRepository } from '../repositories/victim-facts.repository.js';
import { CountCasesService } from './count-cases.service.js';
import { CountWhenCaseRegistered } from './count-when-case-registered.event-handler.js';

/**
 * Order-proof consent on a real PostgreSQL, through the real handlers, each
 * event in its own transaction as the transport runs it: every permutation of
 * a small history and random permutations of a large one end in the state
 * in-order application gives.
 */
const PG = `postgres://${process.env.TEST_PG_USER ?? 'postgres'}@${process.env.TEST_PG_HOST ?? '127.0.0.1'}:${process.env.TEST_PG_PORT ?? 5432}`;

/** One event of a victim's history, written against a placeholder victim id. */
type Step =
  | { kind: 'registered'; sequence?: number; consent: boolean; district: string; caseKey: string }
  | { kind: 'withdrawn' | 'given'; sequence?: number };

let db: string;
let ds: DataSource;
const repo = new VictimFactsRepository();
const cases = new CountWhenCaseRegistered(new CountCasesService(new CaseFactsRepository(), repo));
const consentService = new ChangeStatisticsConsentService(repo);
const given = new CountWhenStatisticsConsentGiven(consentService);
const withdrawn = new UncountWhenStatisticsConsentWithdrawn(consentService);

function envelope<P>(type: string, caseId: string, payload: P): EventEnvelope<P> {
  return {
    specversion: SPEC_VERSION,
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: { agency: 'uptd-ppa-test', node: 'intake' },
    to: 'all',
    caseId,
    correlationId: randomUUID(),
    payload,
  };
}

/** Applies one step for `victimId` in its own transaction, as a delivery would. */
async function apply(victimId: string, caseIds: Map<string, string>, step: Step): Promise<void> {
  await ds.transaction(async (manager) => {
    const tx = new Transaction(manager, {} as MessagingConfig);
    const delivery = { subject: 'test', deliveryCount: 1, consumer: 'test' };
    if (step.kind === 'registered') {
      const caseId = caseIds.get(step.caseKey)!;
      const event = envelope<CaseRegisteredV1>(CaseRegistered.type, caseId, {
        kind: 'violence-against-women',
        channel: 'walk-in',
        month: '2026-11',
        district: step.district,
        violenceTypes: ['physical'],
        place: 'household',
        victims: [
          {
            victimId,
            sex: 'female',
            ageBand: '25-44',
            child: false,
            district: step.district,
            statisticsConsent: step.consent,
            sequence: step.sequence,
          },
        ],
      });
      await cases.countWhenCaseRegistered(event, new EventContext([event, tx, delivery]));
      return;
    }
    const contract = step.kind === 'given' ? StatisticsConsentGiven : StatisticsConsentWithdrawn;
    const event = envelope<StatisticsConsentGivenV1>(contract.type, caseIds.values().next().value!, { victimId, sequence: step.sequence });
    const ctx = new EventContext([event, tx, delivery]);
    if (step.kind === 'given') await given.countWhenStatisticsConsentGiven(event, ctx);
    else await withdrawn.uncountWhenStatisticsConsentWithdrawn(event, ctx);
  });
}

/** Runs a history in the given order (at most `inFlight` events at once) and returns where the victim ends. */
async function run(history: readonly Step[], order: readonly number[], inFlight = 1): Promise<unknown> {
  const victimId = randomUUID();
  const caseIds = new Map(history.flatMap((s) => (s.kind === 'registered' ? [[s.caseKey, randomUUID()] as const] : [])));
  const queue = [...order];
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await apply(victimId, caseIds, history[i]);
    }),
  );
  const rows: Array<Record<string, unknown>> = await ds.query(
    `SELECT f.case_id, f.district, f.consented, f.registered_sequence, c.consented AS held, c.sequence AS held_sequence
     FROM victim_fact f LEFT JOIN victim_consent c USING (victim_id) WHERE f.victim_id = $1`,
    [victimId],
  );
  // Case ids are per run: name them by the history's keys so runs compare.
  const caseKey = new Map<string, string>([...caseIds].map(([k, id]) => [id, k]));
  return rows.map((r) => ({ ...r, case_id: caseKey.get(r.case_id as string) }));
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** Deterministic shuffles, so a failure can be run again. */
function shuffled(n: number, seed: number): number[] {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const inOrder = (n: number) => Array.from({ length: n }, (_, i) => i);

beforeAll(async () => {
  db = `t_consent_order_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(`${PG}/${db}`);
  ds = new DataSource(
    dataSourceOptions({
      url: `${PG}/${db}`,
      entities: [CaseFact, VictimFact, ReferralFact],
      migrations: [...REPORTING_MIGRATIONS],
      poolSize: 6,
    }),
  );
  await ds.initialize();
  await ds.runMigrations();
});

afterAll(async () => {
  await ds?.destroy();
  if (db) await dropDatabase(`${PG}/${db}`);
});

describe('consent applied by intake’s per-victim sequence', () => {
  // Her registration, a withdrawal, a second report of her (a later case, not consenting), a re-giving, a withdrawal.
  const small: Step[] = [
    { kind: 'registered', sequence: 1, consent: true, district: 'Kota Tanjungpinang', caseKey: 'first' },
    { kind: 'withdrawn', sequence: 2 },
    { kind: 'registered', sequence: 3, consent: false, district: 'Kota Batam', caseKey: 'second' },
    { kind: 'given', sequence: 4 },
    { kind: 'withdrawn', sequence: 5 },
  ];

  it('every arrival order of a 5-event history ends as in order: not consenting, counted under her first report', async () => {
    const expected = await run(small, inOrder(small.length));
    expect(expected).toEqual([
      {
        case_id: 'first',
        district: 'Kota Tanjungpinang',
        consented: false,
        registered_sequence: '1',
        held: false,
        held_sequence: '5',
      },
    ]);
    const all = permutations(small.length);
    expect(all).toHaveLength(120);
    for (const order of all) expect({ order, state: await run(small, order) }).toEqual({ order, state: expected });
  });

  // 200 events: her registration, then 199 consent changes alternating withdrawn / given, ending withdrawn.
  const large: Step[] = [
    { kind: 'registered', sequence: 1, consent: true, district: 'Kota Tanjungpinang', caseKey: 'first' },
    ...Array.from({ length: 199 }, (_, i): Step => ({ kind: i % 2 === 0 ? 'withdrawn' : 'given', sequence: i + 2 })),
  ];

  it('random arrival orders of a 200-event history, also 4 in flight at once, end as in order', async () => {
    const expected = await run(large, inOrder(large.length));
    expect(expected).toEqual([expect.objectContaining({ consented: false, held_sequence: '200', case_id: 'first' })]);
    expect(await run(large, [...inOrder(large.length)].reverse())).toEqual(expected);
    for (let seed = 1; seed <= 12; seed++) {
      const order = shuffled(large.length, seed);
      expect({ seed, state: await run(large, order, seed % 2 ? 1 : 4) }).toEqual({ seed, state: expected });
    }
  });

  it('events without a sequence (older producers) keep last write wins', async () => {
    const old: Step[] = [
      { kind: 'registered', consent: true, district: 'Kota Tanjungpinang', caseKey: 'first' },
      { kind: 'withdrawn' },
      { kind: 'given' },
    ];
    expect(await run(old, [0, 1, 2])).toEqual([expect.objectContaining({ consented: true, registered_sequence: null, held: null })]);
    expect(await run(old, [0, 2, 1])).toEqual([expect.objectContaining({ consented: false, registered_sequence: null, held: null })]);
  });

  it('the migration goes down and up again', async () => {
    // Undo down to and including the consent-sequence migration (later migrations go first).
    for (;;) {
      const [last] = await ds.query<Array<{ name: string }>>(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`);
      await ds.undoLastMigration();
      if (last.name.startsWith('ReportingConsentSequence')) break;
    }
    const tables: unknown[] = await ds.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'victim_consent'`);
    expect(tables).toHaveLength(0);
    await ds.runMigrations();
    expect(await run(small, [4, 3, 2, 1, 0])).toEqual([expect.objectContaining({ consented: false, held_sequence: '5' })]);
  });
});
