import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { dayIn } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseNoteRepository } from '../case-notes/case-note.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { CaseNotesQuery, type FollowUpView } from '../queries/case-notes.query.js';
import { CaseRepository } from '../cases/case.repository.js';

/** A follow-up marked done, once (marking it again changes nothing and answers the same). */
@Injectable()
export class CompleteFollowUpService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly notes: CaseNoteRepository,
    private readonly query: CaseNotesQuery,
  ) {}

  async complete(tx: Transaction, caseId: string, followUpId: string, staff: Principal): Promise<FollowUpView> {
    if (!(await this.notes.markDone(tx, caseId, followUpId, staff.staffId))) {
      throw new NotFoundException(`no follow-up ${followUpId} on case ${caseId}`);
    }
    const today = dayIn(await this.cases.now(tx), this.settings.timeZone);
    return (await this.query.followUpsOf(tx, caseId, today)).find((f) => f.id === followUpId)!;
  }
}
