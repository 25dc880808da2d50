import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { HandOversQuery } from '../queries/hand-overs.query.js';
import { HANDOVER_STATES, type HandoverState, type OutgoingHandover } from './hand-over.entities.js';
import { HandOverService } from './hand-over.service.js';

export class HandOverBody {
  /** The receiving UPTD PPA's agency id (an intake node in the directory). */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  toAgencyId: string;

  /** Why the case moves (e.g. the victim lives in that region). */
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;

  /** A supervisor may hand over without consent to disclosure on record, giving the reason (recorded). */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  disclosureOverrideReason?: string;
}

export class AcceptHandOverBody {
  /** The case worker who will own the case here (default: the accepting supervisor). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ownerId?: string;
}

export class DeclineHandOverBody {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class IncomingQuery {
  @IsOptional()
  @IsIn(HANDOVER_STATES)
  state?: HandoverState;
}

@Controller()
export class HandOverHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handOver: HandOverService,
    private readonly handOvers: HandOversQuery,
  ) {}

  /** Asks another region's UPTD PPA to take the case over; the case stays ours until it accepts. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post('cases/:id/handovers')
  @HttpCode(202)
  async request(@Param('id', ParseUUIDPipe) id: string, @Body() body: HandOverBody, @CurrentStaff() staff: Principal) {
    const h = await this.uow.run((tx) => this.handOver.request(tx, id, body, staff));
    return outgoingView(h);
  }

  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read', param: 'id' })
  @Get('cases/:id/handovers')
  listForCase(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run(async (tx) => (await this.handOvers.ofCase(tx, id)).map(outgoingView));
  }

  /** Cases other units asked us to take over: a supervisor decides. */
  @Allow(['supervisor'], { resource: 'handover', action: 'read' })
  @Get('handovers/incoming')
  incoming(@Query() query: IncomingQuery) {
    return this.uow.run(async (tx) => {
      const rows = await this.handOvers.incoming(tx, query.state);
      // The list shows what a supervisor needs to choose; names are in the single view.
      return rows.map((h) => ({
        id: h.id,
        fromAgency: h.fromAgency,
        state: h.state,
        receivedAt: h.receivedAt,
        kind: h.request.kind,
        riskLevel: h.request.riskLevel,
        victims: h.request.victims.length,
        reason: h.request.reason,
        caseId: h.caseId,
      }));
    });
  }

  @Allow(['supervisor'], { resource: 'handover', action: 'read', param: 'id' })
  @Get('handovers/incoming/:id')
  incomingOne(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run(async (tx) => {
      const h = await this.handOvers.incomingOne(tx, id);
      if (!h) throw new NotFoundException(`no incoming hand-over ${id}`);
      return {
        id: h.id,
        fromAgency: h.fromAgency,
        state: h.state,
        receivedAt: h.receivedAt,
        answeredAt: h.answeredAt,
        declineReason: h.declineReason,
        caseId: h.caseId,
        case: h.request,
      };
    });
  }

  @Allow(['supervisor'], { resource: 'handover', action: 'write', param: 'id' })
  @Post('handovers/incoming/:id/accept')
  @HttpCode(200)
  accept(@Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptHandOverBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.handOver.accept(tx, id, staff, body.ownerId));
  }

  @Allow(['supervisor'], { resource: 'handover', action: 'write', param: 'id' })
  @Post('handovers/incoming/:id/decline')
  @HttpCode(200)
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineHandOverBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.handOver.decline(tx, id, body.reason, staff));
  }
}

function outgoingView(h: OutgoingHandover) {
  return {
    id: h.id,
    caseId: h.caseId,
    toAgency: h.toAgency,
    reason: h.reason,
    state: h.state,
    disclosureOverrideReason: h.disclosureOverrideReason,
    requestedBy: h.requestedBy,
    requestedAt: h.requestedAt,
    answeredAt: h.answeredAt,
    declineReason: h.declineReason,
  };
}
