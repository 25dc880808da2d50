/**
 * Sparse integer vectors (column -> bigint) for the exact linear algebra of disclosure checks.
 * Rows are kept integral and divided by the gcd of their entries, so nothing is ever rounded.
 */
export type IntVec = Map<number, bigint>;

export const abs = (x: bigint): bigint => (x < 0n ? -x : x);

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** a·x + b·y, without zero entries. */
export function combine(a: bigint, x: IntVec, b: bigint, y: IntVec): IntVec {
  const out: IntVec = new Map();
  for (const [col, v] of x) out.set(col, a * v);
  if (b !== 0n) {
    for (const [col, v] of y) {
      const sum = (out.get(col) ?? 0n) + b * v;
      if (sum === 0n) out.delete(col);
      else out.set(col, sum);
    }
  }
  if (a === 0n) for (const [col, v] of out) if (v === 0n) out.delete(col);
  return out;
}

/** Divides every vector (and the extra scalars) by their common gcd; returns the divisor. */
export function commonGcd(vectors: readonly IntVec[], scalars: readonly bigint[] = []): bigint {
  let g = 0n;
  for (const s of scalars) if ((g = gcd(g, s)) === 1n) return 1n;
  for (const v of vectors) for (const x of v.values()) if ((g = gcd(g, x)) === 1n) return 1n;
  return g;
}

export function divideAll(vectors: readonly IntVec[], g: bigint): void {
  if (g === 0n || g === 1n) return;
  for (const v of vectors) for (const [col, x] of v) v.set(col, x / g);
}

export const indicator = (cols: readonly number[]): IntVec => new Map(cols.map((c) => [c, 1n]));
