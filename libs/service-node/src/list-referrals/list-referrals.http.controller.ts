import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { REFERRAL_STATES, type ReferralState } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferralsForStaffQuery } from '../queries/referrals-for-staff.query.js';
import { ReferralInboxService } from '../referral-inbox/referral-inbox.service.js';
import { REFERRAL_STAFF } from '../referral-inbox/referral-staff.js';

export class ListReferralsQuery {
  @IsOptional()
  @IsIn(REFERRAL_STATES)
  state?: ReferralState;
}

/** Incoming referrals for the agency's staff. */
@Controller('referrals')
export class ListReferralsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly referrals: ReferralsForStaffQuery,
    private readonly inbox: ReferralInboxService,
  ) {}

  /** A case worker sees the unassigned ones and hers. */
  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read' })
  @Get()
  list(@Query() query: ListReferralsQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.referrals.list(tx, staff, { state: query.state }));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read', param: 'id' })
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.inbox.get(tx, id));
  }
}
