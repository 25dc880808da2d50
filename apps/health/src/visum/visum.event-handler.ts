import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { VisumRequested, type EventEnvelope, type VisumRequestedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { VisumService } from './visum.service.js';

@Controller()
export class VisumEventHandler {
  constructor(private readonly visum: VisumService) {}

  @OnEvent(VisumRequested)
  async keepWhenVisumRequested(@Payload() event: EventEnvelope<VisumRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.visum.receive(ctx.tx, event);
  }
}
