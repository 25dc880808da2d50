import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MESSAGING_CONFIG, UnitOfWork, type MessagingConfig, type Transaction } from '@rujukan/messaging';
import { RETENTION_SETTINGS, type RetentionSettings } from './retention.settings.js';

/** One kind of data whose life ends: erases what has passed its time, returns how many rows or people went. */
export interface RetentionSweep {
  /** What it erases, for the log: `declined referrals' persons`. */
  name: string;
  run(tx: Transaction, settings: RetentionSettings, now: Date): Promise<number>;
}

/** An advisory lock key of its own: with several processes on one database, one sweeps at a time. */
const SWEEP_LOCK = 0x72657465; // 'rete'

/**
 * The daily job of data lifetimes (design.md section 9): every use case whose
 * data ends registers its sweep here (messaging's outbox bodies and dead
 * letters, a service node's declined persons and closed referrals, intake's
 * closed cases); each runs at start and then every RETENTION_SWEEP_INTERVAL_SECONDS,
 * in its own transaction, so one that fails does not hold back the others.
 */
@Injectable()
export class RetentionSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Retention');
  private readonly sweeps: RetentionSweep[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    @Inject(MESSAGING_CONFIG) private readonly messaging: MessagingConfig,
  ) {}

  /** Called by a module at init (`onModuleInit`), before the first sweep. */
  register(sweep: RetentionSweep): void {
    this.sweeps.push(sweep);
  }

  onApplicationBootstrap(): void {
    if (this.messaging.passive) return; // a command run beside the node, not the node
    const tick = () => {
      this.running = this.sweepAll().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.settings.sweepIntervalSeconds * 1000);
      });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every sweep once; returns what each erased (a failed one is logged and counts nothing). */
  async sweepAll(now = new Date()): Promise<Record<string, number>> {
    const done: Record<string, number> = {};
    for (const sweep of this.sweeps) {
      try {
        done[sweep.name] = await this.uow.run(async (tx) => {
          const [{ locked }]: Array<{ locked: boolean }> = await tx.manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
            SWEEP_LOCK,
          ]);
          return locked ? sweep.run(tx, this.settings, now) : 0;
        });
        if (done[sweep.name]) this.log.log(`erased ${done[sweep.name]} past their time: ${sweep.name}`);
      } catch (err) {
        done[sweep.name] = 0;
        // The error's class only: a message could quote a row.
        this.log.warn(`sweep of ${sweep.name} failed, will retry at the next: ${(err as Error).name}`);
      }
    }
    return done;
  }
}
