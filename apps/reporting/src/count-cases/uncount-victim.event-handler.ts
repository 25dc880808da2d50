import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StatisticsConsentWithdrawn, type EventEnvelope, type StatisticsConsentWithdrawnV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';

@Controller()
export class UncountVictimEventHandler {
  /** A withdrawn consent to statistics removes the victim from every count. */
  @OnEvent(StatisticsConsentWithdrawn)
  async uncountWhenStatisticsConsentWithdrawn(@Payload() event: EventEnvelope<StatisticsConsentWithdrawnV1>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.manager.query(`DELETE FROM victim_fact WHERE victim_id = $1`, [event.payload.victimId]);
    await ctx.tx.manager.query(`DELETE FROM service_fact WHERE victim_id = $1`, [event.payload.victimId]);
    await ctx.tx.manager.query(`INSERT INTO uncounted_victim (victim_id) VALUES ($1) ON CONFLICT DO NOTHING`, [event.payload.victimId]);
  }
}
