import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RecordFirstResponseService } from './record-first-response.service.js';

@Controller()
export class RecordFirstResponseHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly triage: RecordFirstResponseService,
  ) {}

  /** The case worker's first response (contact, outreach, service started) stops the clock. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post('cases/:id/first-response')
  @HttpCode(200)
  async firstResponse(@Param('id', ParseUUIDPipe) id: string) {
    const c = await this.uow.run((tx) => this.triage.recordFirstResponse(tx, id));
    return { id: c.id, firstResponseDueAt: c.firstResponseDueAt, firstRespondedAt: c.firstRespondedAt };
  }
}
