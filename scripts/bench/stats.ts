/** A figure measured several times: its runs and their spread. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

export function spread(runs: number[]): Spread {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], runs };
}

/** The p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A number as the table prints it: three significant figures, thousands separated. */
export function shown(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = x >= 100 ? Math.round(x) : Number(x.toPrecision(3));
  return rounded.toLocaleString('en-US');
}
