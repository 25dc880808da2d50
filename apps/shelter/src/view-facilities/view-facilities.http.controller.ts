import { Controller, Get, Query } from '@nestjs/common';
import { Matches } from 'class-validator';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { FacilitiesQuery } from '../queries/facilities.query.js';

export class OccupancyQuery {
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a day, YYYY-MM-DD' })
  date: string;
}

const READERS = ['case-worker', 'supervisor', 'agency-admin'] as const;

@Controller('facilities')
export class ViewFacilitiesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly facilities: FacilitiesQuery,
  ) {}

  @Allow(READERS, { resource: 'facility', action: 'read' })
  @Get()
  list() {
    return this.uow.run((tx) => this.facilities.list(tx));
  }

  @Allow(READERS, { resource: 'facility', action: 'read' })
  @Get('occupancy')
  occupancy(@Query() query: OccupancyQuery) {
    return this.uow.run((tx) => this.facilities.occupancy(tx, query.date));
  }
}
