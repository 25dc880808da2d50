import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DataKeys, MESSAGING_MIGRATIONS, Transaction, type MessagingConfig } from '@rujukan/messaging';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@rujukan/persistence';
import { IntakeSealedColumns, SEALED_VICTIM } from '../cases/sealed-columns.js';
import { INTAKE_MIGRATIONS } from '../intake.module.js';
import { findDuplicates, type DuplicatePerson } from './duplicate-match.js';
import { MatchKeys } from './match-keys.js';
import { VictimDuplicateRepository, type DuplicateCandidate } from './victim-duplicate.repository.js';

/**
 * The candidate lookup on a real PostgreSQL, through intake's migrations and
 * repository, with victims sealed with their own data keys: a registration
 * is looked up in a register full of women with the commonest names, of one
 * sex and one district; the lookup returns every victim the rules match her
 * with, under each rule, and only a handful of others. Candidates are
 * counted, not timed.
 */
const PG = `postgres://${process.env.TEST_PG_USER ?? 'postgres'}@${process.env.TEST_PG_HOST ?? '127.0.0.1'}:${process.env.TEST_PG_PORT ?? 5432}`;
const DISTRICT = 'Kota Tanjungpinang';
const GIVEN = ['Siti', 'Nur', 'Dewi', 'Sri', 'Putri', 'Ayu', 'Rina', 'Wati', 'Lestari', 'Indah', 'Fitri', 'Yuni'];
const FAMILY = ['Rahmawati', 'Handayani', 'Susanti', 'Wulandari', 'Kusuma', 'Pratiwi', 'Safitri', 'Anggraini', 'Hasanah', 'Marlina'];
const MIDDLE = ['Aminah', 'Sulastri', 'Mulyani', 'Kartini', 'Rohani', 'Suryani', 'Maryati', 'Nuraini', 'Yuliani', 'Fatimah'];

let db: string;
let ds: DataSource;
const sealed = new IntakeSealedColumns(new DataKeys(createSecretKey(randomBytes(32))), undefined as unknown as DataSource);
const repository = new VictimDuplicateRepository(sealed);
const keys = new MatchKeys(randomBytes(32).toString('hex'));
const register: DuplicatePerson[] = [];

const inTransaction = <T>(work: (tx: Transaction) => Promise<T>) =>
  ds.transaction((manager) => work(new Transaction(manager, {} as MessagingConfig)));

async function file(people: DuplicatePerson[]): Promise<void> {
  await inTransaction(async (tx) => {
    for (const p of people) {
      const caseId = randomUUID();
      await tx.manager.query(
        `INSERT INTO case_file (id, kind, channel, risk_level, district, violence_types, incident_place, case_number)
         VALUES ($1, 'violence-against-women', 'walk-in', 'medium', $2, '{physical}', 'household', $3)`,
        [caseId, DISTRICT, `2026-${caseId.slice(0, 8)}`],
      );
      const s = await sealed.seal(tx.manager, SEALED_VICTIM, p.id, { name: p.name, birthDate: p.birthDate, idNumber: p.idNumber });
      await tx.manager.query(
        `INSERT INTO victim (id, case_id, name, sex, birth_date, age_years, district, id_number, consent_services, consent_statistics)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, true)`,
        [p.id, caseId, s.name, p.sex, s.birthDate, p.ageYears, p.district, s.idNumber],
      );
      await repository.storeKeys(tx, p.id, keys.stored(p));
    }
  });
  register.push(...people);
}

const person = (name: string, over: Partial<DuplicatePerson> = {}): DuplicatePerson => ({
  id: randomUUID(),
  name,
  sex: 'female',
  birthDate: null,
  ageYears: 30,
  district: DISTRICT,
  idNumber: null,
  ...over,
});

/** The ids the rules match `p` with among `among`, in id order. */
const matches = (p: DuplicatePerson, among: readonly DuplicatePerson[]) =>
  findDuplicates(p, among)
    .map((m) => m.id)
    .sort();

const candidatesOf = (p: DuplicatePerson): Promise<DuplicateCandidate[]> =>
  inTransaction((tx) => repository.candidatesFor(tx, p, keys.lookup(p)));

beforeAll(async () => {
  db = `t_candidate_lookup_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(`${PG}/${db}`);
  ds = new DataSource(dataSourceOptions({ url: `${PG}/${db}`, entities: [], migrations: [...MESSAGING_MIGRATIONS, ...INTAKE_MIGRATIONS] }));
  await ds.initialize();
  await ds.runMigrations();
  // 2,400 women of one sex and district, every one under the commonest names: given, middle and family names of ten or
  // twelve each, so a given name is shared by 200 of them, a family name by 240, a given and family name pair by 20.
  const common: DuplicatePerson[] = [];
  for (let i = 0; i < 2400; i++) {
    const [given, middle, family] = [GIVEN[i % 12], MIDDLE[Math.floor(i / 12) % 10], FAMILY[Math.floor(i / 120) % 10]];
    common.push(
      person(i < 1200 ? `${given} ${family}` : `${given} ${middle} ${family}`, {
        ageYears: 18 + ((i * 7) % 40),
        birthDate: i % 3 === 0 ? `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}` : null,
      }),
    );
  }
  await file(common);
  expect(common.filter((p) => p.name.startsWith('Siti ')).length).toBe(200);
}, 120_000);

afterAll(async () => {
  await ds?.destroy();
  if (db) await dropDatabase(`${PG}/${db}`);
});

describe('duplicate candidates by one indexed lookup', () => {
  // One earlier report for each rule, registered among the common names; the probe is how she is registered again.
  const cases: Array<{ rule: string; earlier: DuplicatePerson; probe: DuplicatePerson }> = [
    {
      rule: 'the same NIK, whatever the name',
      earlier: person('Siti Handayani', { idNumber: '2171015506900002', birthDate: '1990-06-15' }),
      probe: person('Sri Wulandari', { idNumber: '2171015506900002', birthDate: '1990-06-15', district: 'Kota Batam' }),
    },
    {
      rule: 'the same name and birth date',
      earlier: person('Dewi Kartika Susanti', { birthDate: '1991-02-03', ageYears: 34 }),
      probe: person('Dewi Kartika Susanti', { birthDate: '1991-02-03', ageYears: 35 }),
    },
    {
      rule: 'the old spelling and a title',
      earlier: person('Soekarni Djuwita', { ageYears: 44 }),
      probe: person('Hj. Sukarni Juwita', { ageYears: 45 }),
    },
    {
      rule: 'a name that sounds the same (kh/h, j/y)',
      earlier: person('Khairunnisa Yulianti', { ageYears: 27 }),
      probe: person('Hairunisa Julianti', { ageYears: 27 }),
    },
    {
      rule: 'one letter off in a long part, every part in place',
      earlier: person('Nur Permatasari Rahmawati', { ageYears: 31 }),
      probe: person('Nur Permatsari Rahmawati', { ageYears: 30 }),
    },
    {
      rule: 'a single name inside a fuller one',
      earlier: person('Sumiyati', { ageYears: 52 }),
      probe: person('Sumiyati Hasanah', { ageYears: 52 }),
    },
    {
      rule: 'a fuller name holding a single one',
      earlier: person('Ratnasari Kusuma', { ageYears: 23 }),
      probe: person('Ratnasari', { ageYears: 22 }),
    },
    {
      rule: 'a father named on one side only',
      earlier: person('Lestari Anggraini binti Ahmad', { ageYears: 38 }),
      probe: person('Lestari Anggraini', { ageYears: 38 }),
    },
    {
      rule: 'the commonest name, the same age',
      earlier: person('Siti Aminah Rahmawati', { ageYears: 29 }),
      probe: person('Siti Aminah Rahmawati', { ageYears: 29 }),
    },
  ];

  beforeAll(() => file(cases.map((c) => c.earlier)));

  it.each(cases)('finds her earlier report by $rule, among a handful of candidates', async ({ earlier, probe }) => {
    const candidates = await candidatesOf(probe);
    const matched = matches(probe, candidates);
    // Every victim of the register the rules match her with (reading them all, as the lookup must not) is a candidate.
    expect(matched).toEqual(matches(probe, register));
    expect(matched).toContain(earlier.id);
    expect(candidates.length).toBeLessThanOrEqual(5);
  });

  it('looks up a handful of the women with the commonest names, not the hundreds who share a part', async () => {
    const looked: Array<{ name: string; candidates: number; refused: number }> = [];
    for (const name of ['Siti Rahmawati', 'Nur Aminah Handayani', 'Dewi Fatimah Susanti', 'Fitri Hasanah', 'Putri', 'Rahmawati']) {
      for (const ageYears of [20, 35, 50]) {
        const probe = person(name, { ageYears });
        const candidates = await candidatesOf(probe);
        const matched = matches(probe, candidates);
        expect(matched).toEqual(matches(probe, register));
        looked.push({ name, candidates: candidates.length, refused: candidates.length - matched.length });
      }
    }
    // 200 women share each given name, 240 each family name, 20 a given and family name pair: a name of several parts
    // meets a handful; a single name meets the fuller names holding it at her age, which the rules match her with too.
    expect(Math.max(...looked.filter((l) => l.name.includes(' ')).map((l) => l.candidates))).toBeLessThanOrEqual(5);
    expect(Math.max(...looked.map((l) => l.refused))).toBeLessThanOrEqual(2);
  });
});
