import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  StatisticsConsentGiven,
  StatisticsConsentWithdrawn,
  type EventEnvelope,
  type StatisticsConsentGivenV1,
  type StatisticsConsentWithdrawnV1,
} from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { VictimFactsRepository } from './victim-facts.repository.js';

/**
 * Consent to statistics as it changes. Under the consent policy a victim
 * without it is left out of every table (and a case with no counted victim);
 * under the duty policy she stays, de-identified (counting-policy.ts).
 * Applied by intake's per-victim sequence, so a withdrawal redelivered after
 * a later re-giving does not undo it (victim-facts.repository.ts).
 */
@Controller()
export class StatisticsConsentEventHandler {
  constructor(private readonly victims: VictimFactsRepository) {}

  @OnEvent(StatisticsConsentWithdrawn)
  async uncountWhenStatisticsConsentWithdrawn(
    @Payload() event: EventEnvelope<StatisticsConsentWithdrawnV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.victims.changeConsent(ctx.tx, event.payload.victimId, false, event.payload.sequence);
  }

  @OnEvent(StatisticsConsentGiven)
  async countWhenStatisticsConsentGiven(
    @Payload() event: EventEnvelope<StatisticsConsentGivenV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.victims.changeConsent(ctx.tx, event.payload.victimId, true, event.payload.sequence);
  }
}
