import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ErasureAnswered, ErasureOfHandOverAnswered, type ErasureAnsweredV1, type EventEnvelope } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { KeepErasureAnswerService } from './keep-erasure-answer.service.js';

@Controller()
export class KeepWhenErasureAnswered {
  constructor(private readonly answers: KeepErasureAnswerService) {}

  @OnEvent(ErasureAnswered)
  async keepWhenErasureAnswered(@Payload() event: EventEnvelope<ErasureAnsweredV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.answers.keep(ctx.tx, event);
  }

  /** The answer of the intake agency her case was handed over to: kept the same way. */
  @OnEvent(ErasureOfHandOverAnswered)
  async keepWhenHandOverErasureAnswered(@Payload() event: EventEnvelope<ErasureAnsweredV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.answers.keep(ctx.tx, event);
  }
}
