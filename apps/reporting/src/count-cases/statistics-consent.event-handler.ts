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

/**
 * Consent to statistics as it changes. Under the consent policy a victim
 * without it is left out of every table (and a case with no counted victim);
 * under the duty policy she stays, de-identified (counting-policy.ts).
 */
@Controller()
export class StatisticsConsentEventHandler {
  @OnEvent(StatisticsConsentWithdrawn)
  async uncountWhenStatisticsConsentWithdrawn(
    @Payload() event: EventEnvelope<StatisticsConsentWithdrawnV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await ctx.tx.manager.query(`UPDATE victim_fact SET consented = false WHERE victim_id = $1`, [event.payload.victimId]);
  }

  @OnEvent(StatisticsConsentGiven)
  async countWhenStatisticsConsentGiven(
    @Payload() event: EventEnvelope<StatisticsConsentGivenV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await ctx.tx.manager.query(`UPDATE victim_fact SET consented = true WHERE victim_id = $1`, [event.payload.victimId]);
  }
}
