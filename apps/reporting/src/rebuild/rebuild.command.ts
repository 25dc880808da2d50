import type { INestApplicationContext } from '@nestjs/common';
import { BroadcastReplay, type RebuildProgress } from '@rujukan/messaging';
import { RebuildProjections } from './rebuild-projections.js';

/** Every table reporting builds from events; frozen periods are kept (they are what was submitted). */
export const PROJECTION_TABLES = [
  'case_fact',
  'victim_fact',
  'victim_consent',
  'perpetrator_fact',
  'referral_fact',
  'triage_fact',
  'first_response_fact',
  'service_fact',
  'function_fact',
] as const;

/**
 * `node dist/apps/reporting/src/main.js projections rebuild`: with the node
 * stopped, empties the projections and replays every broadcast event from
 * the stream's start, many at a time (rebuild-projections.ts). The same
 * stream gives the same tables.
 */
export async function projectionsCommand(app: INestApplicationContext, args: string[]): Promise<number> {
  if (args[0] !== 'rebuild') {
    process.stderr.write('usage: projections rebuild   (stop the reporting node first)\n');
    return 2;
  }
  const t0 = performance.now();
  const counts = await app
    .get(BroadcastReplay)
    .rebuild(PROJECTION_TABLES, app.get(RebuildProjections).all(), (p) => process.stderr.write(`${progressLine(p)}\n`));
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `rebuilt ${PROJECTION_TABLES.join(', ')} from the stream: ${counts.applied} events applied, ${counts['dead-lettered']} dead-lettered, in ${seconds.toFixed(2)} s\n`,
  );
  return 0;
}

/** `rebuild: [#####.....] 1,200 of 2,400 batches, 31,000 events, 410 events/s, about 3 min left` (every 2 s, on stderr). */
export function progressLine(p: RebuildProgress): string {
  const share = p.total ? p.read / p.total : 1;
  const bar = '#'.repeat(Math.round(share * 20)).padEnd(20, '.');
  const left = share > 0 ? (p.seconds / share) * (1 - share) : NaN;
  const estimate = !Number.isFinite(left)
    ? 'time left unknown'
    : left < 90
      ? `about ${Math.ceil(left)} s left`
      : `about ${Math.ceil(left / 60)} min left`;
  const n = (x: number) => x.toLocaleString('en');
  return `rebuild: [${bar}] ${n(p.read)} of ${n(p.total)} batches, ${n(p.events)} events, ${n(Math.round(p.events / p.seconds))} events/s, ${estimate}`;
}
