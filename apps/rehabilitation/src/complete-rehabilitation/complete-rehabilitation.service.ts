import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, SERVICE_NODE_SETTINGS, ServiceRecorder, type ServiceNodeSettings } from '@rujukan/service-node';
import type { RehabilitationCompletion } from '../rehabilitation/rehabilitation-completion.entity.js';
import { RehabilitationRepository } from '../rehabilitation/rehabilitation.repository.js';
import { completionActivity, completionProblem, sessionKindFor, type CompletionOutcome } from '../rehabilitation/rehabilitation-rules.js';
import { checkServiceDay, dayAsDate } from '@rujukan/service-node';
import { dayIn } from '@rujukan/contracts';

export interface CompletionInput {
  outcome: CompletionOutcome;
  note: string;
  completedOn?: string;
}

@Injectable()
export class CompleteRehabilitationService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly records: RehabilitationRepository,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /**
   * Ends the rehabilitation and completes the referral (the note goes to the
   * referring unit). Social rehabilitation is recorded as
   * `rehabilitation-completed`; spiritual guidance reports its sessions only.
   */
  async complete(tx: Transaction, referralId: string, input: CompletionInput, staff: Principal): Promise<RehabilitationCompletion> {
    const referral = await this.referrals.get(tx, referralId, true);
    const service = referral.service!;
    const kind = sessionKindFor(service);
    const sessions = kind ? await this.records.countSessions(tx, referralId, kind) : 0;
    const assessed = await this.records.isAssessed(tx, referralId);
    const problem = completionProblem({ service, state: referral.state, assessed, sessions });
    if (problem) throw new ConflictException(problem);
    const completedOn = input.completedOn ?? dayIn(new Date(), this.settings.timeZone);
    checkServiceDay('completedOn', completedOn, referral, this.settings.timeZone);
    const saved = await this.records.saveCompletion(tx, {
      referralId,
      completedOn,
      outcome: input.outcome,
      note: input.note,
      completedBy: staff.staffId,
    });
    await this.referrals.complete(tx, referralId, input.note, staff);
    const activity = completionActivity(service);
    if (activity) await this.recorder.record(tx, referral, activity, { at: dayAsDate(completedOn) });
    return saved;
  }
}
