import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CaseHandoverAccepted, type EventEnvelope, type CaseHandoverAnsweredV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { TrackHandOverService } from './track-hand-over.service.js';

@Controller()
export class CloseReferredWhenHandoverAccepted {
  constructor(private readonly handOver: TrackHandOverService) {}

  @OnEvent(CaseHandoverAccepted)
  async closeReferredWhenHandoverAccepted(
    @Payload() event: EventEnvelope<CaseHandoverAnsweredV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.handOver.answered(ctx.tx, event, 'accepted');
  }
}
