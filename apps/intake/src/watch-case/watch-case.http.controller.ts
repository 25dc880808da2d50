import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@rujukan/auth';
import { WatchCaseQuery } from './watch-case.dto.js';
import { WATCH_POLL_MS, WatchCaseService } from './watch-case.service.js';

@Controller('cases')
export class WatchCaseHttpController {
  constructor(private readonly watch: WatchCaseService) {}

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
    @Query() query: WatchCaseQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const principal = await this.watch.admit(query.ticket, id);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    let last = await this.watch.current(id);
    res.write(`retry: 3000\n\n`);
    let looks = 0;
    let closed = false;
    const look = async () => {
      if (closed) return;
      try {
        // The account is checked again every 10 looks: a disabled one loses its streams within seconds.
        if (++looks % 10 === 0) await this.watch.stillSignedIn(principal);
        const now = await this.watch.current(id);
        if (now !== last) {
          last = now;
          res.write(`event: referrals\ndata: {}\n\n`);
        }
        timer = setTimeout(() => void look(), WATCH_POLL_MS);
      } catch {
        res.end();
      }
    };
    let timer = setTimeout(() => void look(), WATCH_POLL_MS);
    const end = () => {
      closed = true;
      clearTimeout(timer);
      res.end();
    };
    this.watch.open.add(end);
    req.on('close', () => {
      closed = true;
      clearTimeout(timer);
      this.watch.open.delete(end);
    });
  }
}
