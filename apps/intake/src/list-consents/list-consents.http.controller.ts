import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ListConsentsService } from './list-consents.service.js';

const STAFF = ['case-worker', 'supervisor'] as const;

@Controller('victims/:id/consents')
export class ListConsentsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly consents: ListConsentsService,
  ) {}

  @Allow(STAFF, { resource: 'victim', action: 'read', param: 'id' })
  @Get()
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.consents.list(tx, id));
  }
}
