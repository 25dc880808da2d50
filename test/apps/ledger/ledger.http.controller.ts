import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { TOKEN_PATTERN } from '@rujukan/contracts';
import { BusConnection, UnitOfWork } from '@rujukan/messaging';
import { NoteSent, NoteSentV1 } from './ledger.contracts.js';
import { ReceivedNote } from './ledger.entities.js';

class SendNoteBody {
  @Matches(TOKEN_PATTERN)
  to: string;

  @IsUUID()
  caseId: string;

  @ValidateNested()
  @Type(() => NoteSentV1)
  note: NoteSentV1;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  label?: string;
}

@Controller()
export class LedgerHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
  ) {}

  @Get('health')
  health() {
    return { status: 'ok', bus: this.bus.isConnected ? 'connected' : 'disconnected' };
  }

  @Post('notes')
  @HttpCode(202)
  async send(@Body() body: SendNoteBody) {
    const envelope = await this.uow.run((tx) => tx.emit(NoteSent, { to: body.to, caseId: body.caseId, payload: body.note }));
    return { eventId: envelope.id };
  }

  @Get('notes')
  async received() {
    return this.dataSource.getRepository(ReceivedNote).find({ order: { noteId: 'ASC' } });
  }
}
