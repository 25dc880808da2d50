import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ServiceProvided, type EventEnvelope, type ServiceProvidedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { RelayServiceRecordsService } from './relay-service-records.service.js';

@Controller()
export class RelayWhenServiceProvided {
  constructor(private readonly relay: RelayServiceRecordsService) {}

  @OnEvent(ServiceProvided)
  async relayWhenServiceProvided(@Payload() event: EventEnvelope<ServiceProvidedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.relay.broadcast(ctx.tx, event);
  }
}
