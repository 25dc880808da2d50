import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { VisumDeclined, VisumIssued, type EventEnvelope, type VisumDeclinedV1, type VisumIssuedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { KeepVisumAnswerService } from './keep-visum-answer.service.js';

@Controller()
export class KeepWhenVisumAnswered {
  constructor(private readonly visum: KeepVisumAnswerService) {}

  @OnEvent(VisumIssued)
  async keepReferenceWhenVisumIssued(@Payload() event: EventEnvelope<VisumIssuedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.visum.answered(ctx.tx, event, 'issued');
  }

  @OnEvent(VisumDeclined)
  async keepReasonWhenVisumDeclined(@Payload() event: EventEnvelope<VisumDeclinedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.visum.answered(ctx.tx, event, 'declined');
  }
}
