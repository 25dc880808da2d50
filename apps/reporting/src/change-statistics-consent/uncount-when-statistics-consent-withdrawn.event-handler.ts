import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StatisticsConsentWithdrawn, type EventEnvelope, type StatisticsConsentWithdrawnV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ChangeStatisticsConsentService } from './change-statistics-consent.service.js';

@Controller()
export class UncountWhenStatisticsConsentWithdrawn {
  constructor(private readonly consent: ChangeStatisticsConsentService) {}

  @OnEvent(StatisticsConsentWithdrawn)
  async uncountWhenStatisticsConsentWithdrawn(
    @Payload() event: EventEnvelope<StatisticsConsentWithdrawnV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.consent.changeConsent(ctx.tx, event.payload.victimId, false, event.payload.sequence);
  }
}
