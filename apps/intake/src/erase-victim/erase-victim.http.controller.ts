import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { EraseVictimService } from './erase-victim.service.js';

/** A supervisor requests a victim's erasure (her right under UU 27/2022) and follows where she stands at each agency. */
@Controller('victims/:id/erasure')
export class EraseVictimHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly erasure: EraseVictimService,
  ) {}

  @Allow(['supervisor'], { resource: 'victim', action: 'write', param: 'id' })
  @Post()
  @HttpCode(202)
  request(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.erasure.request(tx, id, staff));
  }

  @Allow(['supervisor'], { resource: 'victim', action: 'read', param: 'id' })
  @Get()
  status(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.erasure.status(tx, id));
  }
}
