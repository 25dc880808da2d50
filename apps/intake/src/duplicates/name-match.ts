/**
 * Matching Indonesian personal names across the spellings they are written in.
 *
 * The same person can be registered as "Soekarno" (pre-1972 spelling, still
 * common in older people's documents) at one agency and "Sukarno" at another,
 * with or without a patronymic ("binti Ahmad"), or under a single name, which
 * many Indonesians have. A match here only suggests a possible duplicate for a
 * worker to confirm, so the rules lean towards variants that are certainly the
 * same name and keep short names strict.
 *
 * Reasons never quote the names: they may be logged.
 */

/** Patronymic particles ("son/daughter of"); what follows is the father's name. */
const PATRONYMIC_PARTICLES = new Set(['bin', 'binti', 'bt', 'bte', 'binte']);

/** Religious and academic honorifics written before a name (Haji, Hajjah, Dr., Ir.). */
const LEADING_HONORIFICS = new Set(['h', 'hj', 'haji', 'hajah', 'hajjah', 'dr', 'drs', 'dra', 'ir', 'prof']);

/** Written forms of Muhammad after spelling normalisation (Moch. -> mokh, Moh., Muh., Mhd.). */
const MUHAMMAD_ABBREVIATIONS = new Set(['mokh', 'mukh', 'moh', 'muh', 'mhd', 'mohd', 'muhd']);
const MUHAMMAD_FULL = /^m[ou]k?h?am[ae]d$/;
const MUHAMMAD = 'muhammad';

/**
 * Tokens too common to identify anyone on their own: a person registered only
 * as "Siti" is not a match for every "Siti …". Balinese birth-order names and
 * the I/Ni prefixes are likewise shared by most of the island.
 */
const TOO_COMMON_ALONE = new Set([
  MUHAMMAD,
  'siti',
  'nur',
  'sri',
  'i',
  'ni',
  'wayan',
  'putu',
  'gede',
  'made',
  'kadek',
  'nengah',
  'nyoman',
  'komang',
  'ketut',
]);

/** Shortest token for which one typo (Damerau-Levenshtein 1) is tolerated. */
const MIN_LENGTH_FOR_TYPO = 5;

interface ParsedName {
  /** The person's own names, normalised. */
  given: string[];
  /** The father's names after bin/binti, normalised; null when not given. */
  father: string[] | null;
}

/**
 * The normalised tokens of a name: lower case, no diacritics or punctuation,
 * old spellings made modern, double letters collapsed, every form of Muhammad
 * as `muhammad`, leading honorifics dropped and anything after a comma
 * (academic degrees: "Siti Aminah, S.Pd.") dropped. A patronymic particle
 * (bin, binti, bt) is kept as the single token `bin` so the father's name can
 * still be told apart from the person's own.
 */
export function nameKey(name: string): string[] {
  const { given, father } = parseName(name);
  return father === null ? given : [...given, 'bin', ...father];
}

function parseName(name: string): ParsedName {
  const beforeComma = name.split(',')[0] ?? '';
  const raw = beforeComma
    .normalize('NFD')
    .replace(/\p{M}/gu, '') // combining marks: é -> e
    .toLowerCase()
    .replace(/['’‘`]/g, '') // Ma'ruf -> maruf, not "ma ruf"
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0);

  while (raw.length > 1 && LEADING_HONORIFICS.has(raw[0])) raw.shift();

  const tokens = raw.map((t, i) => normaliseToken(t, i === 0 && raw.length > 1));
  const particle = tokens.findIndex((t, i) => i > 0 && PATRONYMIC_PARTICLES.has(t));
  if (particle === -1) return { given: tokens, father: null };
  const father = tokens.slice(particle + 1).filter((t) => !PATRONYMIC_PARTICLES.has(t));
  return { given: tokens.slice(0, particle), father: father.length > 0 ? father : null };
}

/**
 * One token to modern spelling. `first` marks the first of several tokens, the
 * only place a bare "M" (as in "M. Yusuf") reliably stands for Muhammad.
 */
function normaliseToken(token: string, first: boolean): string {
  let t = token;
  if (/oe|dj|tj/.test(t)) {
    // Written in the pre-1972 spelling, where j was today's y (Tjahjono =
    // Cahyono, Soejono = Suyono) and dj today's j. The marker is needed because
    // in today's spelling j is j (Joko), so j -> y cannot be applied blindly.
    t = t.replace(/oe/g, 'u').replace(/dj/g, '#').replace(/tj/g, 'c').replace(/j/g, 'y').replace(/#/g, 'j');
  } else {
    // sj never occurs in today's spelling of names; a leading nj is old (Njoman).
    // A later nj is ambiguous (Panji is modern), so it is left to the j/y
    // equivalence of the phonetic comparison.
    t = t.replace(/sj/g, 'sy').replace(/^nj/, 'ny');
  }
  t = t
    .replace(/ch/g, 'kh') // Achmad -> Akhmad; pre-1972 ch is today's kh
    .replace(/oo/g, 'u') // Noor -> Nur
    .replace(/(.)\1+/g, '$1') // Muhammad -> Muhamad, Sitti -> Siti
    .replace(/([^aeiou])y$/, '$1i'); // Sity -> Siti, Dewy -> Dewi

  if (MUHAMMAD_FULL.test(t) || MUHAMMAD_ABBREVIATIONS.has(t) || (first && t === 'm')) return MUHAMMAD;
  return t;
}

/**
 * A token as it sounds, for comparison only: j and y are the same letter in the
 * old spelling (Jusuf = Yusuf), kh is often written h (Khairul = Hairul,
 * Akhmad = Ahmad) and an h after d or t is silent (Dhani = Dani).
 */
function phonetic(token: string): string {
  return token
    .replace(/j/g, 'y')
    .replace(/kh/g, 'h')
    .replace(/([dt])h/g, '$1')
    .replace(/(.)\1+/g, '$1');
}

/** One of the person's own name parts, with the blocking keys it is found by (match-keys.ts). */
export interface NamePartKeys {
  /** The phonetic form and, for parts long enough to tolerate a typo, each form with one letter deleted. */
  keys: string[];
  /** Too common to identify anyone alone (Siti, Nur, Made): a single name like it never matches a part. */
  commonAlone: boolean;
}

/**
 * Blocking keys of each of the person's own name parts, in order, for finding
 * candidates without reading every victim (match-keys.ts). Two parts that
 * `namesMatch` accepts always share a key: they sound the same (same phonetic
 * form) or differ by one edit (a substitution or a swap leaves the same string
 * after one deletion on each side, an insertion after one deletion on the longer).
 */
export function namePartKeys(name: string): NamePartKeys[] {
  return parseName(name).given.map((token) => {
    const p = phonetic(token);
    const keys = new Set([p]);
    if (p.length >= MIN_LENGTH_FOR_TYPO) for (let i = 0; i < p.length; i++) keys.add(p.slice(0, i) + p.slice(i + 1));
    return { keys: [...keys], commonAlone: TOO_COMMON_ALONE.has(token) };
  });
}

/** Optimal-string-alignment Damerau-Levenshtein distance: one edit or adjacent swap per step. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2][j - 2] + 1);
      d[i][j] = best;
    }
  }
  return d[a.length][b.length];
}

type TokenMatch = 'exact' | 'phonetic' | 'typo' | null;

/**
 * Whether two normalised tokens are the same name. One typo is tolerated only
 * when both have at least 5 letters: in short names one letter is usually a
 * different name (Rina/Rini, Yuni/Yuli, Dewi/Devi).
 */
function tokenMatch(a: string, b: string): TokenMatch {
  if (a === b) return 'exact';
  const pa = phonetic(a);
  const pb = phonetic(b);
  if (pa === pb) return 'phonetic';
  if (Math.min(pa.length, pb.length) >= MIN_LENGTH_FOR_TYPO && editDistance(pa, pb) <= 1) return 'typo';
  return null;
}

export interface NameMatch {
  match: boolean;
  /** 1 for the same name; lower for looser rules; below 0.5 whenever `match` is false. */
  score: number;
  reason: string;
}

/**
 * Whether two names may be the same person's. They match when, comparing the
 * person's own names (not the father's after bin/binti):
 * - the token sequences are equal after normalisation (or sound the same);
 * - every token matches the token in the same place, allowing one typo in tokens of 5+ letters;
 * - one is a single name that matches one token of the other ("Sukarni" and
 *   "Sukarni Wati"), unless that single name is too common to identify anyone.
 * When both names give a father and the fathers differ, they do not match.
 */
export function namesMatch(a: string, b: string): NameMatch {
  const na = parseName(a);
  const nb = parseName(b);
  if (na.given.length === 0 || nb.given.length === 0) {
    return { match: false, score: 0, reason: 'a name is empty after removing punctuation and titles' };
  }

  if (na.father !== null && nb.father !== null && !sequenceMatch(na.father, nb.father)) {
    return { match: false, score: 0.1, reason: "the fathers' names after bin/binti differ" };
  }
  const patronymNote = (na.father === null) !== (nb.father === null) ? " (the father's name given on one side only is ignored)" : '';

  const seq = sequenceMatch(na.given, nb.given);
  if (seq === 'exact') {
    return { match: true, score: 1, reason: `the names are the same after normalising spelling${patronymNote}` };
  }
  if (seq === 'phonetic') {
    return { match: true, score: 0.95, reason: `the names sound the same (j/y, kh/h alike)${patronymNote}` };
  }
  if (seq === 'typo') {
    const typos = na.given.filter((t, i) => tokenMatch(t, nb.given[i]) === 'typo').length;
    return {
      match: true,
      score: Math.max(0.6, 0.9 - 0.05 * (typos - 1)),
      reason: `every name part matches, with ${typos === 1 ? 'one part' : `${typos} parts`} differing by one letter${patronymNote}`,
    };
  }

  const [single, fuller] = na.given.length === 1 ? [na.given, nb.given] : [nb.given, na.given];
  if (single.length === 1 && fuller.length > 1) {
    const only = single[0];
    if (fuller.some((t) => tokenMatch(only, t) !== null)) {
      if (TOO_COMMON_ALONE.has(only)) {
        return { match: false, score: 0.3, reason: 'a single name matches one part of the other, but it is too common to identify anyone' };
      }
      return { match: true, score: 0.7, reason: `a single name matches one part of the fuller name${patronymNote}` };
    }
  }

  const longer = na.given.length >= nb.given.length ? na.given : nb.given;
  const shorter = longer === na.given ? nb.given : na.given;
  const shared = shorter.filter((t) => longer.some((u) => tokenMatch(t, u) !== null)).length;
  return {
    match: false,
    score: Math.round(0.45 * (shared / longer.length) * 100) / 100,
    reason: `the names differ: ${shared} of ${longer.length} parts match`,
  };
}

/** How closely two token sequences match in order, by their weakest token; null when any differs. */
function sequenceMatch(a: string[], b: string[]): TokenMatch {
  if (a.length !== b.length) return null;
  let weakest: TokenMatch = 'exact';
  for (let i = 0; i < a.length; i++) {
    const m = tokenMatch(a[i], b[i]);
    if (m === null) return null;
    if (m === 'typo' || (m === 'phonetic' && weakest === 'exact')) weakest = m;
  }
  return weakest;
}
