import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LiveStreams, OwnershipRegistry, type Principal } from '@rujukan/auth';
import { CaseLiveStateQuery } from '../queries/case-live-state.query.js';

/**
 * The console's live case: who may watch (the ticket's account, still
 * signed in, and for a case worker her own case), and whether the case's
 * referrals or status changed since the last look.
 */
@Injectable()
export class WatchCaseService {
  constructor(
    private readonly streams: LiveStreams,
    private readonly ownership: OwnershipRegistry,
    private readonly dataSource: DataSource,
    private readonly state: CaseLiveStateQuery,
  ) {}

  async admit(ticket: string, caseId: string): Promise<Principal> {
    const principal = await this.streams.admit(ticket);
    await this.mayWatch(principal, caseId);
    return principal;
  }

  /** For a case worker, her own or shared case: checked at the start and again while she watches (a reassigned case ends it). */
  async mayWatch(principal: Principal, caseId: string): Promise<void> {
    const whose = await this.ownership.get('case')!(this.dataSource.manager, caseId, principal);
    if (whose === 'missing') throw new NotFoundException(`no case ${caseId}`);
    if (whose === 'other' && principal.role === 'case-worker')
      throw new ForbiddenException('this record is not assigned to or shared with you');
  }

  current(caseId: string): Promise<string> {
    return this.state.of(caseId);
  }
}
