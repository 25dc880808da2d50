import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ErasureRequested, type ErasureRequestedV1, type EventEnvelope } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { EraseVictimService } from './erase-victim.service.js';

@Controller()
export class EraseWhenErasureRequested {
  constructor(private readonly erasure: EraseVictimService) {}

  @OnEvent(ErasureRequested)
  async eraseWhenErasureRequested(@Payload() event: EventEnvelope<ErasureRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.erasure.erase(ctx.tx, event);
  }
}
