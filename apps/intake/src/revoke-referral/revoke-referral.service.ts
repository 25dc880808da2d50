import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EXTERNAL_AGENCY, ReferralRevoked } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralStatusBroadcast } from '../cases/broadcast-referral-status.js';
import type { Referral } from '../cases/referral.entity.js';
import { ReferralRepository } from '../cases/referral.repository.js';

/** The sender withdraws an open referral. */
@Injectable()
export class RevokeReferralService {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly status: ReferralStatusBroadcast,
  ) {}

  /** Revokes the referral if it is open (requested or accepted). */
  async revoke(tx: Transaction, referralId: string, reason: string, staff: Principal): Promise<Referral> {
    const referral = await this.referrals.lock(tx, referralId);
    if (!referral) throw new NotFoundException(`no referral ${referralId}`);
    if (referral.state !== 'requested' && referral.state !== 'accepted') {
      throw new ConflictException(`referral is ${referral.state}; only an open referral can be revoked`);
    }
    // Her erasure blanked an outside agency's referral: no reason about her is written after it.
    if (referral.agencyId === EXTERNAL_AGENCY && !referral.externalAgencyName) {
      throw new ConflictException('her data was erased: the referral takes no revocation any more');
    }
    return this.revokeOpen(tx, referral, staff, reason);
  }

  /**
   * Revokes an open referral (the caller has locked and checked it): intake's
   * record, the event to the agency, and the de-identified status for reporting.
   * An agency outside the network has no node to tell: the revocation is only
   * recorded (its letter's receiver is told by the case worker).
   */
  async revokeOpen(tx: Transaction, referral: Referral, staff: Principal, reason: string, note: string = reason): Promise<Referral> {
    referral.state = 'revoked';
    referral.outcomeNote = note;
    referral.updatedAt = new Date();
    await this.referrals.save(tx, referral);
    if (referral.agencyId === EXTERNAL_AGENCY) {
      await this.referrals.recordExternalAnswer(tx, referral.id, 'revoked', null, staff.staffId);
    } else {
      await tx.emit(ReferralRevoked, {
        to: referral.agencyId,
        caseId: referral.caseId,
        victimId: referral.victimId,
        payload: { referralId: referral.id, reason, actor: { staffId: staff.staffId, role: staff.role } },
      });
    }
    await this.status.broadcast(tx, referral);
    return referral;
  }
}
