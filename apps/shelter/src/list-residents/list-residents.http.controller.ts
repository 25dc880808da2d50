import { Controller, Get } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { ResidentsQuery } from '../queries/residents.query.js';

@Controller()
export class ListResidentsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly residents: ResidentsQuery,
  ) {}

  /** Residents; a case worker sees those of the referrals she holds. */
  @Allow(REFERRAL_STAFF, { resource: 'admission', action: 'read' })
  @Get('admissions')
  list(@CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.residents.list(tx, staff));
  }
}
