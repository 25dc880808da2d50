import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CaseHandoverDeclined, type EventEnvelope, type CaseHandoverDeclinedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { TrackHandOverService } from './track-hand-over.service.js';

@Controller()
export class KeepCaseWhenHandoverDeclined {
  constructor(private readonly handOver: TrackHandOverService) {}

  @OnEvent(CaseHandoverDeclined)
  async keepCaseWhenHandoverDeclined(@Payload() event: EventEnvelope<CaseHandoverDeclinedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.handOver.answered(ctx.tx, event, 'declined');
  }
}
