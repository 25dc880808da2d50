import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../consent/consent-record.entity.js';
import { WithdrawConsentService } from './withdraw-consent.service.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class WithdrawConsentBody {
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @IsOptional()
  @IsIn(SERVICE_TYPES)
  service?: ServiceType;
}

@Controller('victims/:id/consents')
export class WithdrawConsentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly consents: WithdrawConsentService,
  ) {}

  @Allow(STAFF, { resource: 'victim', action: 'write', param: 'id' })
  @Post('withdraw')
  @HttpCode(200)
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawConsentBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.consents.withdraw(tx, id, body.purpose, staff, body.service));
  }
}
