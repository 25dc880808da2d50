import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ServiceRecorded,
  ServiceRecordedByIntake,
  type EventEnvelope,
  type ServiceRecordedV1,
  type ServiceRecordedV2,
} from '@rujukan/contracts';
import { EventContext, EventRejected, OnEvent } from '@rujukan/messaging';
import { CountServicesService } from './count-services.service.js';

@Controller()
export class CountWhenServiceRecorded {
  constructor(private readonly services: CountServicesService) {}

  @OnEvent(ServiceRecorded)
  async countWhenServiceRecorded(@Payload() event: EventEnvelope<ServiceRecordedV1>, @Ctx() ctx: EventContext): Promise<void> {
    if (!event.caseId) throw new EventRejected('a service record names its (pseudonymous) case');
    await this.services.countService(ctx.tx, event.caseId, event.source, event.payload);
  }

  /** The same fact, broadcast by intake under her pseudonyms for the agency that gave it. */
  @OnEvent(ServiceRecordedByIntake)
  async countWhenServiceRecordedByIntake(@Payload() event: EventEnvelope<ServiceRecordedV2>, @Ctx() ctx: EventContext): Promise<void> {
    if (!event.caseId) throw new EventRejected('a service record names its (pseudonymous) case');
    await this.services.countRelayedService(ctx.tx, event.caseId, event.payload);
  }
}
