import { Injectable, Logger } from '@nestjs/common';
import { ErasureOfHandOverAnswered, ErasureRequested, type ErasureRequestedV1, type EventEnvelope } from '@rujukan/contracts';
import { DataKeys, EventRejected, type Transaction } from '@rujukan/messaging';
import { ErasureRepository } from '../erasure/erasure.repository.js';
import { RetentionRepository } from '../erasure/retention.repository.js';

/**
 * A victim's erasure asked by the intake agency that handed her case over
 * here: the victim taken over from it under that id is erased as intake
 * erases on request (her key destroyed, her columns blanked, her blind
 * indexes and outbox bodies gone), the request goes on to every agency this
 * unit referred her to (they answer the asking unit), and this unit answers.
 * A redelivered request finds her erased already and answers again.
 */
@Injectable()
export class EraseHandedOverVictimService {
  private readonly logger = new Logger('Erasure');

  constructor(
    private readonly erasures: ErasureRepository,
    private readonly retention: RetentionRepository,
    private readonly keys: DataKeys,
  ) {}

  async erase(tx: Transaction, event: EventEnvelope<ErasureRequestedV1>): Promise<void> {
    if (!event.victimId) throw new EventRejected('an erasure request must name its victim');
    const p = event.payload;
    // The registry's agency, never what the payload says: a unit asks only for the victims it handed over itself.
    const taken = await this.erasures.takenOver(tx, event.victimId, event.source.agency);
    const forwardedTo = new Set<string>();
    for (const victim of taken) {
      const recipients = await this.erasures.recipientsOf(tx, victim.id);
      await this.erasures.eraseHere(tx, victim.id);
      // The request that brought her holds her too (sealed with its own key): emptied, its key destroyed.
      for (const handoverId of await this.retention.forgetHandOversOf(tx, victim.caseId)) await this.keys.destroy(tx.manager, handoverId);
      for (const to of recipients) {
        forwardedTo.add(to);
        await tx.emit(ErasureRequested, {
          to,
          caseId: victim.caseId,
          victimId: victim.id,
          payload: { erasureId: p.erasureId, answerTo: p.answerTo, actor: p.actor },
        });
      }
    }
    await tx.emit(ErasureOfHandOverAnswered, {
      to: p.answerTo,
      caseId: event.caseId,
      victimId: event.victimId,
      payload: {
        erasureId: p.erasureId,
        outcome: 'erased' as const,
        ...(forwardedTo.size ? { forwardedTo: [...forwardedTo].sort() } : {}),
      },
    });
    this.logger.log(`erasure ${p.erasureId}: ${taken.length} victim(s) taken over erased, forwarded to ${forwardedTo.size}`);
  }
}
