import { Controller, ForbiddenException, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LiveStreams, Public, StreamTicketQuery } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { MyChangesQuery } from '../queries/my-changes.query.js';

@Controller('me')
export class WatchMyWorkHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly streams: LiveStreams,
    private readonly query: MyChangesQuery,
  ) {}

  /**
   * Server-sent events for her home page ("Perlu tindakan"): `work` whenever an
   * agency answers on her cases, a referral changes state, a follow-up is set
   * or done, or (supervisors) an alert or a hand-over arrives; then read the
   * lists again. Opened with a ticket from POST /auth/stream-ticket.
   */
  @Public()
  @Get('live')
  @ApiOkResponse({ description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async live(@Query() query: StreamTicketQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const staff = await this.streams.admit(query.ticket);
    if (staff.role !== 'case-worker' && staff.role !== 'supervisor') throw new ForbiddenException('only case workers and supervisors');
    await this.streams.serve(req, res, staff, {
      event: 'work',
      look: () => this.uow.run((tx) => this.query.digest(tx, staff)),
      pollMs: 2000,
    });
  }
}
