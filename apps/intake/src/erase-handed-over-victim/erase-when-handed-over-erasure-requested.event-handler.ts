import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ErasureOfHandOverRequested, type ErasureRequestedV1, type EventEnvelope } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { EraseHandedOverVictimService } from './erase-handed-over-victim.service.js';

@Controller()
export class EraseWhenHandedOverErasureRequested {
  constructor(private readonly erasure: EraseHandedOverVictimService) {}

  @OnEvent(ErasureOfHandOverRequested)
  async eraseWhenHandedOverErasureRequested(@Payload() event: EventEnvelope<ErasureRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.erasure.erase(ctx.tx, event);
  }
}
