import { Injectable, Logger } from '@nestjs/common';
import { ErasureAnswered, ErasureRequested, type ErasureRequestedV1, type EventEnvelope } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { ErasureOnward } from './erasure-onward.js';
import { VictimErasureRepository } from './victim-erasure.repository.js';

/**
 * A victim's erasure at a service node (design.md section 9): the request goes
 * on to every agency this node sent her data to; under a legal hold she is
 * kept and the answer says why; otherwise every row about her is purged and her
 * data key destroyed, with those of her referrals. The answer goes to the intake agency that asked, in
 * the same transaction. A redelivered request finds nothing left and answers again.
 */
@Injectable()
export class EraseVictimService {
  private readonly logger = new Logger('Erasure');

  constructor(
    private readonly erasure: VictimErasureRepository,
    private readonly onward: ErasureOnward,
  ) {}

  async erase(tx: Transaction, event: EventEnvelope<ErasureRequestedV1>): Promise<void> {
    const victimId = event.victimId;
    if (!victimId) throw new EventRejected('an erasure request must name its victim');
    const p = event.payload;
    const referrals = await this.erasure.referralsOf(tx, victimId);
    const caseId = event.caseId ?? referrals.find((r) => r.caseId)?.caseId ?? undefined;
    const forwardedTo = await this.onward.of(tx, victimId);
    const hold = await this.erasure.holdOf(tx, victimId);
    if (!hold) {
      await this.erasure.erase(tx, victimId);
    }
    for (const to of forwardedTo) {
      await tx.emit(ErasureRequested, { to, caseId, victimId, payload: { erasureId: p.erasureId, answerTo: p.answerTo, actor: p.actor } });
    }
    await tx.emit(ErasureAnswered, {
      to: p.answerTo,
      caseId,
      victimId,
      payload: {
        erasureId: p.erasureId,
        outcome: hold ? ('retained' as const) : ('erased' as const),
        ...(hold ? { legalHold: hold } : {}),
        ...(forwardedTo.length ? { forwardedTo } : {}),
      },
    });
    this.logger.log(`erasure ${p.erasureId}: ${hold ? 'retained under a legal hold' : 'erased'}, forwarded to ${forwardedTo.length}`);
  }
}
