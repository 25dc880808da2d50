import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CaseHandoverRequested, type EventEnvelope, type CaseHandoverRequestedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ReceiveHandOverService } from './receive-hand-over.service.js';

@Controller()
export class KeepWhenHandoverRequested {
  constructor(private readonly handOver: ReceiveHandOverService) {}

  @OnEvent(CaseHandoverRequested)
  async keepWhenHandoverRequested(@Payload() event: EventEnvelope<CaseHandoverRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.handOver.receive(ctx.tx, event);
  }
}
