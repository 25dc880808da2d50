import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { HealthRecordsQuery } from '../queries/health-records.query.js';

@Controller('referrals')
export class ViewHealthRecordsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: HealthRecordsQuery,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read', param: 'id' })
  @Get(':id/health-records')
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.records.underReferral(tx, id));
  }
}
