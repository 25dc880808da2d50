import { Controller, Get } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { WorkListsQuery } from '../queries/work-lists.query.js';

const STAFF = ['case-worker', 'supervisor'] as const;

/** A list a case worker works from each morning. */
@Controller('referrals')
export class ListDeclinedReferralsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lists: WorkListsQuery,
  ) {}

  /** Declined referrals whose need nobody has taken up since: a new agency must be found. */
  @Allow(STAFF, { resource: 'referral', action: 'read' })
  @Get('declined')
  declined(@CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.lists.declined(tx, staff));
  }
}
