/**
 * Ledger node as its own process (used by the crash test). With
 * LEDGER_CRASH_AFTER_COMMIT=1 the process kills itself right after its first
 * event's transaction commits, before the acknowledgement.
 */
import { startLedgerNode } from './bootstrap.js';

const crash = process.env.LEDGER_CRASH_AFTER_COMMIT === '1';
const app = await startLedgerNode({
  env: process.env,
  port: Number(process.env.PORT ?? 0),
  logger: ['log', 'error', 'warn'],
  hooks: crash
    ? {
        afterCommit: () => {
          process.stdout.write('committed; crashing before ack\n');
          process.kill(process.pid, 'SIGKILL');
        },
      }
    : {},
});
const address = app.getHttpServer().address();
process.stdout.write(`ledger listening on ${typeof address === 'object' && address ? address.port : address}\n`);
