import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { AccountsService } from './accounts.service.js';
import type { Principal } from './roles.js';
import { SessionService } from './session.service.js';

/** How often an open stream looks again (one short query), and how often it checks the account is still signed in. */
const DEFAULT_POLL_MS = 1000;
const ACCOUNT_CHECK_MS = 5000;

export interface LiveStreamOptions {
  /** The server-sent event's name, sent whenever `look` answers something new. */
  event: string;
  /** A comparable digest of what the page shows: never data, only "changed". */
  look: () => Promise<string>;
  /** Checked with the account (throws to end the stream): e.g. the case is still hers. */
  stillAllowed?: () => Promise<void>;
  pollMs?: number;
}

/**
 * The consoles' server-sent event streams: opened with a single-use ticket
 * from POST /auth/stream-ticket (an EventSource cannot send a bearer header),
 * then one event whenever what the page shows changed. The stream carries no
 * data: the page reads again through the API, which checks and records the
 * access as usual. A disabled account or an ended session loses its streams
 * within seconds (ACCOUNT_CHECK_MS); every stream ends when the node stops
 * (an open stream would hold the HTTP server open).
 */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly sessions: SessionService,
    private readonly accounts: AccountsService,
  ) {}

  /** The ticket's account, still signed in. */
  async admit(ticket: string): Promise<Principal> {
    const principal = this.sessions.redeem(ticket);
    await this.stillSignedIn(principal);
    return principal;
  }

  async stillSignedIn(principal: Principal): Promise<void> {
    if (principal.issuer !== 'local') return;
    await this.accounts.checkSession(principal);
    await this.sessions.checkLive(principal);
  }

  /** Serves one stream until the browser closes it, the account is no longer signed in or allowed, or the node stops. */
  async serve(req: Request, res: Response, principal: Principal, options: LiveStreamOptions): Promise<void> {
    const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let checkedAt = Date.now();
    const end = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      this.open.delete(end);
      res.end();
    };
    // Registered before the first look: a browser gone during it leaves no timer behind.
    this.open.add(end);
    req.on('close', end);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    let last: string;
    try {
      last = await options.look();
    } catch {
      return end();
    }
    if (closed) return;
    res.write(`retry: 3000\n\n`);
    const look = async () => {
      try {
        if (Date.now() - checkedAt >= ACCOUNT_CHECK_MS) {
          await this.stillSignedIn(principal);
          await options.stillAllowed?.();
          checkedAt = Date.now();
        }
        const now = await options.look();
        if (closed) return;
        if (now !== last) {
          last = now;
          res.write(`event: ${options.event}\ndata: {}\n\n`);
        }
        timer = setTimeout(() => void look(), pollMs);
      } catch {
        end();
      }
    };
    timer = setTimeout(() => void look(), pollMs);
  }

  beforeApplicationShutdown(): void {
    for (const end of [...this.open]) end();
    this.open.clear();
  }
}

/** A stream's query: `?ticket=` from POST /auth/stream-ticket, single use, 30 seconds. */
export class StreamTicketQuery {
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  ticket: string;
}
