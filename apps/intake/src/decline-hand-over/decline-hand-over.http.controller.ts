import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DeclineHandOverService } from './decline-hand-over.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class DeclineHandOverBody {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @ApiProperty({ example: 'Korban tinggal di Kabupaten Lombok Tengah' })
  reason: string;
}

@Controller()
export class DeclineHandOverHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handOver: DeclineHandOverService,
  ) {}

  @Allow(['supervisor'], { resource: 'handover', action: 'write', param: 'id' })
  @Post('handovers/incoming/:id/decline')
  @HttpCode(200)
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineHandOverBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.handOver.decline(tx, id, body.reason, staff));
  }
}
