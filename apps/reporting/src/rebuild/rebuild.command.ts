import type { INestApplicationContext } from '@nestjs/common';
import { BroadcastReplay } from '@rujukan/messaging';

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
 * the stream's start. The same stream gives the same tables.
 */
export async function projectionsCommand(app: INestApplicationContext, args: string[]): Promise<number> {
  if (args[0] !== 'rebuild') {
    process.stderr.write('usage: projections rebuild   (stop the reporting node first)\n');
    return 2;
  }
  const t0 = performance.now();
  const counts = await app.get(BroadcastReplay).rebuild(PROJECTION_TABLES);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `rebuilt ${PROJECTION_TABLES.join(', ')} from the stream: ${counts.applied} events applied, ${counts['dead-lettered']} dead-lettered, in ${seconds.toFixed(2)} s\n`,
  );
  return 0;
}
