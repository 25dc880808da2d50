import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { outgoingView } from '../hand-over/outgoing-hand-over.view.js';
import { HandOversQuery } from '../queries/hand-overs.query.js';

@Controller()
export class ListCaseHandOversHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handOvers: HandOversQuery,
  ) {}

  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read', param: 'id' })
  @Get('cases/:id/handovers')
  listForCase(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run(async (tx) => (await this.handOvers.ofCase(tx, id)).map(outgoingView));
  }
}
