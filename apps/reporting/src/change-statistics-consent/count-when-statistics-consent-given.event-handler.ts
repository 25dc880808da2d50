import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StatisticsConsentGiven, type EventEnvelope, type StatisticsConsentGivenV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ChangeStatisticsConsentService } from './change-statistics-consent.service.js';

@Controller()
export class CountWhenStatisticsConsentGiven {
  constructor(private readonly consent: ChangeStatisticsConsentService) {}

  @OnEvent(StatisticsConsentGiven)
  async countWhenStatisticsConsentGiven(
    @Payload() event: EventEnvelope<StatisticsConsentGivenV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.consent.changeConsent(ctx.tx, event.payload.victimId, true, event.payload.sequence);
  }
}
