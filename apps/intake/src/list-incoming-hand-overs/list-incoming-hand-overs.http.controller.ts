import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { HANDOVER_STATES, type HandoverState } from '../hand-over/hand-over.entities.js';
import { HandOversQuery } from '../queries/hand-overs.query.js';

export class IncomingQuery {
  @IsOptional()
  @IsIn(HANDOVER_STATES)
  state?: HandoverState;
}

@Controller()
export class ListIncomingHandOversHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handOvers: HandOversQuery,
  ) {}

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
        // An erased request (her erasure, the retention) is `{}`: nothing left to count.
        victims: Array.isArray(h.request.victims) ? h.request.victims.length : 0,
        reason: h.request.reason,
        caseId: h.caseId,
      }));
    });
  }
}
