import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUUID } from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { PlanServicesService } from './plan-services.service.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class PlanBody {
  @IsUUID()
  victimId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsIn(SERVICE_TYPES, { each: true })
  services: ServiceType[];
}

@Controller('cases/:id')
export class PlanServicesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly assessment: PlanServicesService,
  ) {}

  /** Adds the services a victim needs to the case's plan (a service already planned is kept once). */
  @Allow(STAFF, { resource: 'case', action: 'write', param: 'id' })
  @Post('plan')
  @HttpCode(200)
  addToPlan(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.assessment.addToPlan(tx, id, body.victimId, body.services, staff));
  }
}
