import type { INestApplicationContext } from '@nestjs/common';
import { DeadLetterService } from './dead-letter.service.js';

/**
 * `dead-letters list` and `dead-letters replay <id>|--all` for a node's CLI.
 * The app must have its JetStream transport's handlers registered.
 */
export async function runDeadLetterCommand(app: INestApplicationContext, args: string[], out = console.log): Promise<number> {
  const service = app.get(DeadLetterService);
  const [verb, target] = args;
  if (verb === 'list') {
    const letters = await service.list({ open: !args.includes('--all') });
    if (!letters.length) out('no dead letters');
    for (const l of letters) {
      out(
        `${l.id}  ${l.createdAt.toISOString()}  ${l.pattern ?? '?'}  seq=${l.streamSeq ?? '-'}  ${l.reason}${l.replayOutcome ? `  [last replay: ${l.replayOutcome}]` : ''}`,
      );
    }
    return 0;
  }
  if (verb === 'replay' && target) {
    const ids = target === '--all' ? (await service.list({ open: true, limit: 10000 })).map((l) => l.id) : [target];
    let failed = 0;
    for (const id of ids) {
      const outcome = await service.replay(id);
      out(`${id}: ${outcome}`);
      if (outcome !== 'applied' && outcome !== 'duplicate') failed++;
    }
    return failed ? 1 : 0;
  }
  out('usage: dead-letters list [--all] | dead-letters replay <id>|--all');
  return 2;
}
