import { BeforeApplicationShutdown, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService, OwnershipRegistry, SessionService, type Principal } from '@rujukan/auth';
import { CaseLiveStateQuery } from '../queries/case-live-state.query.js';

/** How often an open stream looks at the case (one short query). */
export const WATCH_POLL_MS = 1000;

/**
 * The console's live case: who may watch (the ticket's account, still
 * signed in, and for a case worker her own case), and whether the case's
 * referrals or status changed since the last look. The stream carries no
 * case data, only "changed": the page then reads the case through the API,
 * which checks and records the access as usual.
 */
@Injectable()
export class WatchCaseService implements BeforeApplicationShutdown {
  /** Open streams, ended when the node stops (an open stream would hold the HTTP server open). */
  readonly open = new Set<() => void>();

  constructor(
    private readonly sessions: SessionService,
    private readonly accounts: AccountsService,
    private readonly ownership: OwnershipRegistry,
    private readonly dataSource: DataSource,
    private readonly state: CaseLiveStateQuery,
  ) {}

  async admit(ticket: string, caseId: string): Promise<Principal> {
    const principal = this.sessions.redeem(ticket);
    await this.stillSignedIn(principal);
    const whose = await this.ownership.get('case')!(this.dataSource.manager, caseId, principal);
    if (whose === 'missing') throw new NotFoundException(`no case ${caseId}`);
    if (whose === 'other' && principal.role === 'case-worker')
      throw new ForbiddenException('this record is not assigned to or shared with you');
    return principal;
  }

  /** A disabled account or an ended session stops its streams too. */
  async stillSignedIn(principal: Principal): Promise<void> {
    if (principal.issuer !== 'local') return;
    await this.accounts.checkSession(principal);
    await this.sessions.checkLive(principal);
  }

  beforeApplicationShutdown(): void {
    for (const end of this.open) end();
    this.open.clear();
  }

  current(caseId: string): Promise<string> {
    return this.state.of(caseId);
  }
}
