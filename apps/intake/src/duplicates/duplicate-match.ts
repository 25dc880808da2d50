import type { Sex } from '@rujukan/contracts';
import { namesMatch } from './name-match.js';
import { isValidNik } from './nik.js';

/** What duplicate matching needs to know about a registered person. */
export interface DuplicatePerson {
  id: string;
  name: string;
  sex: Sex;
  /** YYYY-MM-DD, or null when unknown (often the case for trafficking survivors). */
  birthDate: string | null;
  /** Whole years when registered: ages recorded at different times can be a year apart. */
  ageYears: number;
  /** Regency or city (kabupaten/kota). */
  district: string;
  idNumber: string | null;
}

export type DuplicateBasis = 'nik' | 'name-birth-date-district' | 'name-age-district';

export interface DuplicateMatch {
  id: string;
  basis: DuplicateBasis;
  /** True for matches on age rather than birth date, which a worker should check more carefully. */
  weaker: boolean;
  /** Why they match, without quoting the NIK or names. */
  reason: string;
}

/** Strongest first. */
const BASIS_RANK: Record<DuplicateBasis, number> = { nik: 0, 'name-birth-date-district': 1, 'name-age-district': 2 };

/** Prefixes that say whether a district is a regency or a city, and which one. */
const DISTRICT_PREFIXES: ReadonlyArray<readonly [RegExp, 'regency' | 'city']> = [
  [/^(kabupaten|kab)\b/, 'regency'],
  [/^(kotamadya|kodya|kota)\b/, 'city'],
];

interface District {
  kind: 'regency' | 'city' | null;
  /** The name without prefix, spaces or punctuation: "Tanjung Pinang" = "Tanjungpinang". */
  name: string;
}

function parseDistrict(district: string): District {
  let s = district
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  let kind: District['kind'] = null;
  for (const [prefix, k] of DISTRICT_PREFIXES) {
    if (prefix.test(s)) {
      s = s.replace(prefix, '').trim();
      kind = k;
      break;
    }
  }
  return { kind, name: s.replace(/ /g, '') };
}

/** The part of a district's name that every spelling `sameDistrict` accepts shares ("" when there is none). */
export function districtKey(district: string): string {
  return parseDistrict(district).name;
}

/**
 * Whether two district names are the same place. A prefix on one side only is
 * ignored ("Kota Tanjungpinang" = "Tanjungpinang"), but a regency and a city of
 * the same name are different districts with different agencies ("Kabupaten
 * Bandung" is not "Kota Bandung"), so differing prefixes on both sides do not match.
 */
export function sameDistrict(a: string, b: string): boolean {
  const da = parseDistrict(a);
  const db = parseDistrict(b);
  if (da.name === '' || da.name !== db.name) return false;
  return da.kind === null || db.kind === null || da.kind === db.kind;
}

/**
 * The registered people who may be the candidate. When both have a valid NIK
 * it decides alone: the same NIK is a duplicate whatever the names say, and
 * different valid NIKs are different people even with the same name. Otherwise
 * the names must match (spelling variants and single names tolerated), the sex
 * and district must agree, and either the birth dates are equal or, when one is
 * missing, the recorded ages are at most a year apart (a weaker match).
 * The candidate itself (same id) is never reported.
 */
export function findDuplicates(candidate: DuplicatePerson, existing: readonly DuplicatePerson[]): DuplicateMatch[] {
  const found: { match: DuplicateMatch; nameScore: number; order: number }[] = [];
  existing.forEach((other, order) => {
    if (other.id === candidate.id) return;
    const result = compare(candidate, other);
    if (result) found.push({ ...result, order });
  });
  found.sort((x, y) => BASIS_RANK[x.match.basis] - BASIS_RANK[y.match.basis] || y.nameScore - x.nameScore || x.order - y.order);
  return found.map((f) => f.match);
}

function compare(a: DuplicatePerson, b: DuplicatePerson): { match: DuplicateMatch; nameScore: number } | null {
  const validNiks = Number(isValidNik(a.idNumber)) + Number(isValidNik(b.idNumber));
  if (validNiks === 2) {
    if (a.idNumber !== b.idNumber) return null;
    return { match: { id: b.id, basis: 'nik', weaker: false, reason: 'same ID number (NIK)' }, nameScore: 1 };
  }
  const nikNote = validNiks === 1 ? 'a valid NIK on one side only' : 'no valid NIK on either side';

  if (a.sex !== b.sex) return null;
  if (!sameDistrict(a.district, b.district)) return null;
  const name = namesMatch(a.name, b.name);
  if (!name.match) return null;

  if (a.birthDate !== null && b.birthDate !== null) {
    if (a.birthDate !== b.birthDate) return null;
    return {
      match: {
        id: b.id,
        basis: 'name-birth-date-district',
        weaker: false,
        reason: `${nikNote}; ${name.reason}, same sex, birth date and district`,
      },
      nameScore: name.score,
    };
  }

  const ageGap = Math.abs(a.ageYears - b.ageYears);
  if (ageGap > 1) return null;
  return {
    match: {
      id: b.id,
      basis: 'name-age-district',
      weaker: true,
      reason: `weaker match: ${nikNote} and a birth date missing; ${name.reason}, same sex and district, ages ${ageGap === 0 ? 'equal' : 'one year apart'}`,
    },
    nameScore: name.score,
  };
}
