import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { HandOversQuery } from '../queries/hand-overs.query.js';

@Controller()
export class ViewIncomingHandOverHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handOvers: HandOversQuery,
  ) {}

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
}
