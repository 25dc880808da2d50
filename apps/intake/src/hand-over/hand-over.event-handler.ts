import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CaseHandoverAccepted,
  CaseHandoverDeclined,
  CaseHandoverRequested,
  type CaseHandoverAnsweredV1,
  type CaseHandoverDeclinedV1,
  type CaseHandoverRequestedV1,
  type EventEnvelope,
} from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { HandOverService } from './hand-over.service.js';

@Controller()
export class HandOverEventHandler {
  constructor(private readonly handOver: HandOverService) {}

  @OnEvent(CaseHandoverRequested)
  async keepWhenHandoverRequested(@Payload() event: EventEnvelope<CaseHandoverRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.handOver.receive(ctx.tx, event);
  }

  @OnEvent(CaseHandoverAccepted)
  async closeReferredWhenHandoverAccepted(
    @Payload() event: EventEnvelope<CaseHandoverAnsweredV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.handOver.answered(ctx.tx, event, 'accepted');
  }

  @OnEvent(CaseHandoverDeclined)
  async keepCaseWhenHandoverDeclined(@Payload() event: EventEnvelope<CaseHandoverDeclinedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.handOver.answered(ctx.tx, event, 'declined');
  }
}
