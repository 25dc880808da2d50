import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { AuthSettings } from './auth.config.js';
import { AUTH_SETTINGS } from './auth.constants.js';
import type { Principal, Role } from './roles.js';
import { StaffAccountsRepository } from './staff-accounts.repository.js';
import { StaffSessionsRepository } from './staff-sessions.repository.js';
import { TokenService } from './token.service.js';
import { DraftKeys } from './draft-keys.js';

/** A working day, and half an hour without a refresh. */
export const DEFAULT_SESSION = { idleSeconds: 1800, maxSeconds: 12 * 3600 };

export interface SessionAnswer {
  accessToken: string;
  expiresIn: number;
  role: Role;
  /** Single use: send it to POST /auth/refresh for the next access token (and the next refresh token). */
  refreshToken: string;
  /** The console signs out after this long without her touching it (the node refuses a refresh after it too). */
  idleSeconds: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');
const ended = () => new UnauthorizedException('this session has ended: sign in again');

/**
 * Sessions of local accounts: short-lived access tokens, each naming its
 * session (`sid`), refreshed with a refresh token that works once. Signing
 * out ends the session at the node: its refresh token and every access token
 * it issued stop working at once (the guard checks the session on each call).
 */
@Injectable()
export class SessionService {
  private readonly tickets = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly sessions: StaffSessionsRepository,
    private readonly accounts: StaffAccountsRepository,
    private readonly tokens: TokenService,
    private readonly drafts: DraftKeys,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async start(staffId: string, role: Role, tokenVersion: number): Promise<SessionAnswer> {
    const refreshToken = newToken();
    const limits = this.settings.session ?? DEFAULT_SESSION;
    const sessionId = await this.sessions.start(staffId, hashOf(refreshToken), limits.maxSeconds);
    const token = await this.tokens.issue(staffId, role, { tokenVersion, sessionId });
    return { ...token, role, refreshToken, idleSeconds: limits.idleSeconds };
  }

  async refresh(refreshToken: string): Promise<SessionAnswer> {
    const limits = this.settings.session ?? DEFAULT_SESSION;
    const next = newToken();
    const session = await this.sessions.rotate(hashOf(refreshToken), hashOf(next), limits.idleSeconds);
    if (!session) {
      await this.sessions.endReplayed(hashOf(refreshToken));
      throw ended();
    }
    const state = await this.accounts.sessionState(session.staffId);
    if (!state || state.disabled) {
      await this.sessions.end(session.id);
      throw ended();
    }
    const token = await this.tokens.issue(session.staffId, state.role, { tokenVersion: state.tokenVersion, sessionId: session.id });
    return { ...token, role: state.role, refreshToken: next, idleSeconds: limits.idleSeconds };
  }

  /** Her session ends, and so does her draft key: a draft left in a browser cannot be opened again. */
  async end(principal: Principal): Promise<void> {
    if (principal.sessionId) await this.sessions.end(principal.sessionId);
    await this.drafts.retire(principal.staffId);
  }

  async checkLive(principal: Principal): Promise<void> {
    if (principal.sessionId && !(await this.sessions.isLive(principal.sessionId))) throw ended();
  }

  /** A ticket for one server-sent event stream: 30 s to open it, once (no bearer token in a URL). */
  ticket(principal: Principal): { ticket: string; expiresIn: number } {
    const now = Date.now();
    for (const [t, v] of this.tickets) if (v.expiresAt <= now) this.tickets.delete(t);
    const ticket = newToken();
    this.tickets.set(ticket, { principal, expiresAt: now + 30_000 });
    return { ticket, expiresIn: 30 };
  }

  /** The principal a ticket was issued to; the ticket is gone after this call. */
  redeem(ticket: string): Principal {
    const found = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!found || found.expiresAt <= Date.now()) throw new UnauthorizedException('stream ticket unknown, used or expired');
    return found.principal;
  }
}
