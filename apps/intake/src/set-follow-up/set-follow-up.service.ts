import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { dayIn } from '@rujukan/contracts';
import { AccountsService, type Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { CaseNoteRepository } from '../case-notes/case-note.repository.js';
import { CaseRepository } from '../cases/case.repository.js';
import { assertOpenForWork } from '../cases/open-for-work.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import type { FollowUpView } from '../queries/case-notes.query.js';
import type { SetFollowUpBody } from './set-follow-up.dto.js';

/** Who may own a follow-up: staff who work on cases. */
const OWNER_ROLES = ['case-worker', 'supervisor'];

/**
 * A follow-up task on a case, due on a day, owned by a case worker or
 * supervisor of this unit (the case is shared with her if it was not hers);
 * kept at intake only, nothing emitted.
 */
@Injectable()
export class SetFollowUpService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly notes: CaseNoteRepository,
    private readonly accounts: AccountsService,
  ) {}

  async set(tx: Transaction, caseId: string, body: SetFollowUpBody, staff: Principal): Promise<FollowUpView> {
    const caseFile = await this.cases.lock(tx, caseId);
    if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
    assertOpenForWork(caseFile, 'a follow-up');
    const today = dayIn(await this.cases.now(tx), this.settings.timeZone);
    if (body.dueOn < today) throw fieldErrorsException({ dueOn: ['dueOn must be today or later'] });
    const ownerId = body.ownerId ?? staff.staffId;
    if (ownerId !== staff.staffId) {
      const role = await this.accounts.activeRoleOf(ownerId);
      if (!role || !OWNER_ROLES.includes(role)) {
        throw fieldErrorsException({ ownerId: ['ownerId must be an active case worker or supervisor of this unit'] });
      }
      if (caseFile.ownerId !== ownerId) await this.cases.share(tx, caseId, ownerId, staff.staffId);
    }
    const id = randomUUID();
    await this.notes.insertFollowUp(tx, { id, caseId, task: body.task, dueOn: body.dueOn, ownerId, setBy: staff.staffId });
    return {
      id,
      caseId,
      task: body.task,
      dueOn: body.dueOn,
      ownerId,
      setBy: staff.staffId,
      setAt: (await this.cases.now(tx)).toISOString(),
      doneBy: null,
      doneAt: null,
      state: body.dueOn === today ? 'due' : 'open',
    };
  }
}
