import { Inject, Injectable } from '@nestjs/common';
import { advanceState, REFERRAL_STATE_RANK, type EventEnvelope, type ReferralState } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { broadcastReferralStatus } from '../cases/broadcast-referral-status.js';
import { Referral } from '../cases/referral.entity.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

/** Intake's view of a referral follows the agency's events, forward only. */
@Injectable()
export class TrackReferralsService {
  constructor(@Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings) {}

  async advance(tx: Transaction, event: EventEnvelope<{ referralId: string }>, state: ReferralState, note?: string): Promise<void> {
    const repo = tx.manager.getRepository(Referral);
    const referral = await repo.findOne({ where: { id: event.payload.referralId }, lock: { mode: 'pessimistic_write' } });
    if (!referral) throw new EventRejected('unknown referral');
    if (referral.agencyId !== event.source.agency) throw new EventRejected('only the addressed agency may change a referral');
    const next = advanceState(REFERRAL_STATE_RANK, referral.state, state);
    if (next === referral.state) return; // late or repeated: nothing changes
    referral.state = next;
    if (note !== undefined) referral.outcomeNote = note;
    referral.updatedAt = new Date();
    await repo.save(referral);
    await broadcastReferralStatus(tx, referral, this.settings.statisticsKey);
  }
}
