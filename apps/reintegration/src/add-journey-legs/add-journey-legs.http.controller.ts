import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { LegBody } from '../repatriation/leg-body.dto.js';
import { AddJourneyLegsService } from './add-journey-legs.service.js';

export class AddLegsBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LegBody)
  legs: LegBody[];
}

@Controller()
export class AddJourneyLegsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly legs: AddJourneyLegsService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'write', param: 'id' })
  @Post('journeys/:id/legs')
  @HttpCode(201)
  addLegs(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddLegsBody) {
    return this.uow.run((tx) => this.legs.addLegs(tx, id, body.legs));
  }
}
