import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { UptdFunctionRecorded, type EventEnvelope, type UptdFunctionRecordedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { CountUptdFunctionsService } from './count-uptd-functions.service.js';

@Controller()
export class CountWhenUptdFunctionRecorded {
  constructor(private readonly functions: CountUptdFunctionsService) {}

  @OnEvent(UptdFunctionRecorded)
  async countWhenUptdFunctionRecorded(@Payload() event: EventEnvelope<UptdFunctionRecordedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.functions.count(ctx.tx, event.source, event.payload);
  }
}
