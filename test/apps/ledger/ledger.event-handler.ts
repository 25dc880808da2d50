import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventEnvelope } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ItemAccepted, ItemCompleted, ItemStepV1, NoteSent, NoteSentV1 } from './ledger.contracts.js';
import { LedgerService } from './ledger.service.js';

@Controller()
export class LedgerEventHandler {
  constructor(private readonly ledger: LedgerService) {}

  @OnEvent(NoteSent)
  async recordWhenNoteSent(@Payload() event: EventEnvelope<NoteSentV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.ledger.recordNote(ctx.tx, event, ctx.delivery.deliveryCount);
  }

  @OnEvent(ItemAccepted)
  async advanceWhenItemAccepted(@Payload() event: EventEnvelope<ItemStepV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.ledger.advanceItem(ctx.tx, event.payload.itemId, 'accepted');
  }

  @OnEvent(ItemCompleted)
  async advanceWhenItemCompleted(@Payload() event: EventEnvelope<ItemStepV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.ledger.advanceItem(ctx.tx, event.payload.itemId, 'completed');
  }
}
