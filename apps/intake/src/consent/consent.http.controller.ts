import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CONSENT_FORMS, CONSENT_PURPOSES, type ConsentForm, type ConsentPurpose } from './consent-record.entity.js';
import { ConsentService } from './consent.service.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class GiveConsentBody {
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  /** For purpose `services`: one service, or leave out for every service. */
  @IsOptional()
  @IsIn(SERVICE_TYPES)
  service?: ServiceType;

  @IsIn(CONSENT_FORMS)
  givenAs: ConsentForm;
}

export class WithdrawConsentBody {
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @IsOptional()
  @IsIn(SERVICE_TYPES)
  service?: ServiceType;
}

@Controller('victims/:id/consents')
export class ConsentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly consents: ConsentService,
  ) {}

  @Allow(STAFF, { resource: 'victim', action: 'read', param: 'id' })
  @Get()
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.consents.list(tx, id));
  }

  @Allow(STAFF, { resource: 'victim', action: 'write', param: 'id' })
  @Post()
  @HttpCode(201)
  give(@Param('id', ParseUUIDPipe) id: string, @Body() body: GiveConsentBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.consents.give(tx, id, body.purpose, body.givenAs, staff, body.service));
  }

  @Allow(STAFF, { resource: 'victim', action: 'write', param: 'id' })
  @Post('withdraw')
  @HttpCode(200)
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawConsentBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.consents.withdraw(tx, id, body.purpose, staff, body.service));
  }
}
