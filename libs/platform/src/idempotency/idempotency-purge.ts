import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './idempotency.settings.js';

/** Deletes Idempotency-Key rows (stored answers hold victims' data) once they are past the retention. */
@Injectable()
export class IdempotencyPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(IDEMPOTENCY_SETTINGS) private readonly settings: IdempotencySettings,
  ) {}

  onApplicationBootstrap(): void {
    // Expired rows are never replayed (a claim treats them as free), so purging late is only about storage.
    const every = Math.min(this.settings.retentionSeconds * 1000, 15 * 60 * 1000);
    this.timer = setInterval(() => this.purge(), every);
    this.timer.unref();
    this.purge();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private purge(): void {
    this.records.purge(this.settings.retentionSeconds).then(
      (n) => n && this.log.log(`purged ${n} Idempotency-Key record(s) past the retention`),
      (err: unknown) => this.log.warn(`purging Idempotency-Key records failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
}
