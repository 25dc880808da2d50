import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LiveStreams, Public, StreamTicketQuery } from '@rujukan/auth';
import { WatchCaseService } from './watch-case.service.js';

@Controller('cases')
export class WatchCaseHttpController {
  constructor(
    private readonly watch: WatchCaseService,
    private readonly streams: LiveStreams,
  ) {}

  /**
   * Server-sent events for the console's case page: `referrals` whenever a
   * referral's state or the case's status changes (then read the case again).
   * Opened with a ticket from POST /auth/stream-ticket, not a bearer token.
   */
  @Public()
  @Get(':id/live')
  @ApiOkResponse({ description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async live(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: StreamTicketQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const principal = await this.watch.admit(query.ticket, id);
    await this.streams.serve(req, res, principal, {
      event: 'referrals',
      look: () => this.watch.current(id),
      stillAllowed: () => this.watch.mayWatch(principal, id),
    });
  }
}
