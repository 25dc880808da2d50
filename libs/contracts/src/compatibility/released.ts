import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractsSnapshot } from './describe-contracts.js';

/** Where each release's contracts are committed (`<version>.json`), from the repository's root. */
export const RELEASED_DIR = 'libs/contracts/released';

/** The newest released snapshot by version number, or undefined before the first release. */
export function latestRelease(dir = RELEASED_DIR): ContractsSnapshot | undefined {
  const versions = readdirSync(dir)
    .filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f))
    .map((f) => f.slice(0, -'.json'.length))
    .sort(compareVersions);
  const newest = versions.at(-1);
  return newest ? (JSON.parse(readFileSync(join(dir, `${newest}.json`), 'utf8')) as ContractsSnapshot) : undefined;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}
