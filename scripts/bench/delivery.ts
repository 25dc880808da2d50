/**
 * Delivery through the messaging library alone: two ledger nodes (the test
 * app) in this process; events written to one node's outbox (50 per
 * transaction) and applied by the other (inbox, effect and receipt in one
 * transaction each). The registry carries no keys: nothing sealed or signed,
 * so its limit is the unprotected ideal hop.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { signWithLocalOffice, UnitOfWork, type BusRegistry } from '@rujukan/messaging';
import { ensureDatabase } from '@rujukan/persistence';
import pg from 'pg';
import { startLedgerNode } from '../../test/apps/ledger/bootstrap.js';
import { NoteSent } from '../../test/apps/ledger/ledger.contracts.js';

export class LedgerPair {
  private sent = 0;

  private constructor(
    private readonly alpha: INestApplication,
    private readonly beta: INestApplication,
    private readonly receiverDb: string,
    private readonly dir: string,
  ) {}

  /** Starts the two nodes on `registry`'s network (it must list agencies alpha and beta, role ledger). */
  static async start(registry: BusRegistry, natsUrl: string, databaseServerUrl: string, databasePrefix: string): Promise<LedgerPair> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
    const directory = join(dir, 'agencies.json');
    writeFileSync(directory, JSON.stringify(registry));
    const signed = signWithLocalOffice(registry.agencies, join(dir, 'ppa-office'));
    const env = async (agency: 'alpha' | 'beta') => {
      const database = `${databaseServerUrl}/${databasePrefix}_${agency}`;
      await ensureDatabase(database);
      return {
        NATS_URL: natsUrl,
        BUS_PREFIX: registry.network.prefix,
        BUS_STREAM: registry.network.stream,
        AGENCY_ID: agency,
        NODE_ROLE: 'ledger',
        DATABASE_URL: database,
        AGENCY_DIRECTORY: directory,
        AGENCY_REGISTRY: signed.path,
        AGENCY_REGISTRY_KEY: signed.keyPath,
      };
    };
    const alpha = await startLedgerNode({ env: await env('alpha'), logger: false });
    const beta = await startLedgerNode({ env: await env('beta'), logger: false });
    return new LedgerPair(alpha, beta, `${databaseServerUrl}/${databasePrefix}_beta`, dir);
  }

  /** Events per second from the first outbox write until the receiver has applied all `n`. */
  async deliver(n: number): Promise<number> {
    const uow = this.alpha.get(UnitOfWork);
    const target = this.sent + n;
    const t0 = performance.now();
    for (let i = 0; i < n; i += 50) {
      await uow.run(async (tx) => {
        for (let j = i; j < Math.min(i + 50, n); j++) {
          await tx.emit(NoteSent, { to: 'beta', caseId: randomUUID(), payload: { noteId: randomUUID(), text: `note ${j}` } });
        }
      });
    }
    const client = new pg.Client({ connectionString: this.receiverDb });
    await client.connect();
    try {
      while (Number((await client.query<{ n: string }>('SELECT count(*) n FROM received_note')).rows[0].n) < target) {
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await client.end();
    }
    this.sent = target;
    return (n / (performance.now() - t0)) * 1000;
  }

  async close(): Promise<void> {
    await this.alpha.close();
    await this.beta.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
