/**
 * Contract changes that cannot break the field (docs/messaging.md, "Changing a contract").
 *   npm run contracts -- check [--against FILE]   compares every contract with the last released snapshot
 *                                                 (libs/contracts/released/<version>.json); exit 1 on a breaking change
 *   npm run contracts -- release                   commits today's contracts as package.json's version (once per version)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakingChanges, describeContracts, latestRelease, RELEASED_DIR, type ContractsSnapshot } from '@rujukan/contracts';

function main(argv: string[]): number {
  const [verb] = argv;
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const current = describeContracts(version);
  if (verb === 'release') {
    const file = join(RELEASED_DIR, `${version}.json`);
    if (existsSync(file)) throw new Error(`${file} exists: a released version's contracts never change; bump package.json's version first`);
    writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
    console.log(`wrote ${file}: ${Object.keys(current.contracts).length} contracts as released in ${version}`);
    return 0;
  }
  if (verb === 'check') {
    const i = argv.indexOf('--against');
    const released: ContractsSnapshot | undefined =
      i >= 0 ? (JSON.parse(readFileSync(argv[i + 1], 'utf8')) as ContractsSnapshot) : latestRelease();
    if (!released) {
      console.log('no released contracts yet: nothing to check against');
      return 0;
    }
    const problems = breakingChanges(released, current);
    for (const p of problems) console.error(`breaking: ${p}`);
    console.log(
      problems.length
        ? `${problems.length} change(s) would break nodes of ${released.release}: make each a new version beside the old one`
        : `every contract of ${released.release} is unchanged or extended compatibly (${Object.keys(current.contracts).length} contracts now)`,
    );
    return problems.length ? 1 : 0;
  }
  console.error('usage: npm run contracts -- check [--against FILE] | release');
  return 2;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
