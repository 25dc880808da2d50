import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { fieldErrorsException } from '@rujukan/platform';
import { advanceState, EXTERNAL_AGENCY, REFERRAL_STATE_RANK } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ReferralStatusBroadcast } from '../cases/broadcast-referral-status.js';
import type { Referral } from '../cases/referral.entity.js';
import { ReferralRepository } from '../cases/referral.repository.js';
import type { RecordExternalAnswerBody } from './record-external-answer.dto.js';

/**
 * An outside agency has no node to answer with: the case worker records its
 * answer, under the same forward-only order as a node's events (accepted,
 * then completed; a decline, revocation or completion is final), and
 * reporting is told as for any referral.
 */
@Injectable()
export class RecordExternalAnswerService {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly status: ReferralStatusBroadcast,
  ) {}

  async record(tx: Transaction, referralId: string, body: RecordExternalAnswerBody, staff: Principal): Promise<Referral> {
    const referral = await this.referrals.lock(tx, referralId);
    if (!referral) throw new NotFoundException(`no referral ${referralId}`);
    if (referral.agencyId !== EXTERNAL_AGENCY)
      throw new ConflictException('this referral went to a node of the network: its answers come from that agency');
    // Her erasure blanked the outside agency: nothing new about her is written here after it.
    if (!referral.externalAgencyName) throw new ConflictException('her data was erased: no answer is recorded any more');
    const open = referral.state === 'requested' || referral.state === 'accepted';
    if (!open || advanceState(REFERRAL_STATE_RANK, referral.state, body.state) === referral.state) {
      throw fieldErrorsException({ state: [`the referral is ${referral.state}; it cannot become ${body.state}`] });
    }
    referral.state = body.state;
    if (body.note !== undefined) referral.outcomeNote = body.note;
    referral.declineCode = body.state === 'declined' ? body.declineCode! : null;
    referral.updatedAt = new Date();
    await this.referrals.save(tx, referral);
    await this.referrals.recordExternalAnswer(tx, referral.id, body.state, referral.declineCode, staff.staffId);
    await this.status.broadcast(tx, referral);
    return referral;
  }
}
