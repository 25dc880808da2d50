import { Injectable, Logger } from '@nestjs/common';
import type { ErasureAnsweredV1, EventEnvelope } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { ErasureRepository } from '../erasure/erasure.repository.js';

/** An agency's answer to an erasure: kept as where she stands there; the agencies it forwarded to are awaited too. */
@Injectable()
export class KeepErasureAnswerService {
  private readonly logger = new Logger('Erasure');

  constructor(private readonly erasures: ErasureRepository) {}

  async keep(tx: Transaction, event: EventEnvelope<ErasureAnsweredV1>): Promise<void> {
    const p = event.payload;
    if (!(await this.erasures.exists(tx, p.erasureId))) throw new EventRejected(`no erasure ${p.erasureId} was requested here`);
    // The registry's agency, never what the payload says: an agency answers for itself only.
    const agency = event.source.agency;
    await this.erasures.answer(tx, p.erasureId, agency, p.outcome, p.outcome === 'retained' ? (p.legalHold ?? null) : null);
    for (const onward of p.forwardedTo ?? []) await this.erasures.expect(tx, p.erasureId, onward, agency);
    this.logger.log(`erasure ${p.erasureId}: ${agency} answered ${p.outcome}`);
  }
}
