import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { AcceptHandOverService } from './accept-hand-over.service.js';

export class AcceptHandOverBody {
  /** The case worker who will own the case here (default: the accepting supervisor). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ownerId?: string;
}

@Controller()
export class AcceptHandOverHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handOver: AcceptHandOverService,
  ) {}

  @Allow(['supervisor'], { resource: 'handover', action: 'write', param: 'id' })
  @Post('handovers/incoming/:id/accept')
  @HttpCode(200)
  accept(@Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptHandOverBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.handOver.accept(tx, id, staff, body.ownerId));
  }
}
