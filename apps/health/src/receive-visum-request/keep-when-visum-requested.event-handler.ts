import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { VisumRequested, type EventEnvelope, type VisumRequestedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ReceiveVisumRequestService } from './receive-visum-request.service.js';

@Controller()
export class KeepWhenVisumRequested {
  constructor(private readonly requests: ReceiveVisumRequestService) {}

  @OnEvent(VisumRequested)
  async keepWhenVisumRequested(@Payload() event: EventEnvelope<VisumRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.requests.receive(ctx.tx, event);
  }
}
