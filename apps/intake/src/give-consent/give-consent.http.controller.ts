import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CONSENT_FORMS, CONSENT_PURPOSES, type ConsentForm, type ConsentPurpose } from '../consent/consent-record.entity.js';
import { GiveConsentService } from './give-consent.service.js';

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

@Controller('victims/:id/consents')
export class GiveConsentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly consents: GiveConsentService,
  ) {}

  @Allow(STAFF, { resource: 'victim', action: 'write', param: 'id' })
  @Post()
  @HttpCode(201)
  give(@Param('id', ParseUUIDPipe) id: string, @Body() body: GiveConsentBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.consents.give(tx, id, body.purpose, body.givenAs, staff, body.service));
  }
}
