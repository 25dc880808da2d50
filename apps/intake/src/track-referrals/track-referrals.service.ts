import { Injectable } from '@nestjs/common';
import {
  advanceState,
  declineReasonCode,
  EXTERNAL_AGENCY,
  REFERRAL_STATE_RANK,
  type DeclineReasonCode,
  type EventEnvelope,
  type ReferralState,
} from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { ReferralStatusBroadcast } from '../cases/broadcast-referral-status.js';
import { ReferralRepository } from '../cases/referral.repository.js';

/** Intake's view of a referral follows the agency's events, forward only. */
@Injectable()
export class TrackReferralsService {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly status: ReferralStatusBroadcast,
  ) {}

  /** `declineCode`: a decline's code (an older agency sends none: read from the note, as before the codes). */
  async advance(
    tx: Transaction,
    event: EventEnvelope<{ referralId: string }>,
    state: ReferralState,
    note?: string,
    declineCode?: DeclineReasonCode,
  ): Promise<void> {
    const referral = await this.referrals.lock(tx, event.payload.referralId);
    if (!referral) throw new EventRejected('unknown referral');
    // An external referral's answers are recorded by hand (record-external-answer/), never by an event.
    if (referral.agencyId === EXTERNAL_AGENCY || referral.agencyId !== event.source.agency)
      throw new EventRejected('only the addressed agency may change a referral');
    const next = advanceState(REFERRAL_STATE_RANK, referral.state, state);
    if (next === referral.state) return; // late or repeated: nothing changes
    referral.state = next;
    if (note !== undefined) referral.outcomeNote = note;
    if (next === 'declined') referral.declineCode = declineCode ?? declineReasonCode(note);
    referral.updatedAt = new Date();
    await this.referrals.save(tx, referral);
    await this.status.broadcast(tx, referral);
  }
}
