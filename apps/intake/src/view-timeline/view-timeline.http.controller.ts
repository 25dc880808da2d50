import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CaseTimelineQuery, type TimelineEntry } from '../queries/case-timeline.query.js';

/** A case's whole story in order: what was recorded here, every event sent about it and every event received about it. */
@Controller('cases')
export class ViewTimelineHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly timelines: CaseTimelineQuery,
  ) {}

  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read', param: 'id' })
  @Get(':id/timeline')
  timeline(@Param('id', ParseUUIDPipe) id: string): Promise<TimelineEntry[]> {
    return this.uow.run(async (tx) => {
      const entries = await this.timelines.ofCase(tx, id);
      if (!entries) throw new NotFoundException(`no case ${id}`);
      return entries;
    });
  }
}
