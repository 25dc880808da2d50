import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ReferralAccepted, ReferralCompleted, ReferralDeclined, type DeclineReasonCode, type ReferralState } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { IncomingReferral } from './incoming-referral.entity.js';
import { IncomingReferralRepository } from './incoming-referral.repository.js';
import { assertHolder } from './referral-ownership.js';

/** Who acted, as the sender needs to know it (never a name, password or token). */
export function actorOf(staff: Principal) {
  return { staffId: staff.staffId, role: staff.role };
}

/** The referral inbox every service node shares: a referral's answers (accept, decline, complete), told to its sender. */
@Injectable()
export class ReferralInboxService {
  constructor(private readonly referrals: IncomingReferralRepository) {}

  /** The referral (404 when there is none, or only a revocation that overtook it); locked when `lock`. */
  async get(tx: Transaction, referralId: string, lock = false): Promise<IncomingReferral> {
    const referral = await this.referrals.find(tx, referralId, lock);
    if (!referral || !referral.service) throw new NotFoundException(`no referral ${referralId}`);
    return referral;
  }

  /** Accepting assigns the referral to the staff member who accepts it. */
  async accept(tx: Transaction, referralId: string, staff: Principal): Promise<IncomingReferral> {
    const referral = await this.transition(tx, staff, referralId, ['requested'], 'accepted', { assigneeId: staff.staffId });
    await tx.emit(ReferralAccepted, this.addressed(referral, { referralId, actor: actorOf(staff) }));
    return referral;
  }

  /** Declines with a code and the agency's note; `staff` null: the node declined by its own rule (no capacity), no staff member acted. */
  async decline(
    tx: Transaction,
    referralId: string,
    decline: { code: DeclineReasonCode; reason: string },
    staff: Principal | null,
  ): Promise<IncomingReferral> {
    const { code, reason } = decline;
    const referral = await this.transition(tx, staff, referralId, ['requested', 'accepted'], 'declined', {
      declineReason: reason,
      declineCode: code,
    });
    await tx.emit(ReferralDeclined, this.addressed(referral, { referralId, reason, code, actor: staff ? actorOf(staff) : undefined }));
    return referral;
  }

  /**
   * Completes an accepted referral. `alsoWhenRevoked`: the service was already
   * under way when the sender revoked (a resident discharged after a
   * revocation): what was delivered still counts, and completed outranks revoked.
   */
  async complete(tx: Transaction, referralId: string, note: string, staff: Principal, alsoWhenRevoked = false): Promise<IncomingReferral> {
    const from: ReferralState[] = alsoWhenRevoked ? ['accepted', 'revoked'] : ['accepted'];
    const referral = await this.transition(tx, staff, referralId, from, 'completed', { completionNote: note });
    await tx.emit(ReferralCompleted, this.addressed(referral, { referralId, note, actor: actorOf(staff) }));
    return referral;
  }

  private async transition(
    tx: Transaction,
    staff: Principal | null,
    referralId: string,
    from: ReferralState[],
    to: ReferralState,
    changes: Partial<IncomingReferral>,
  ): Promise<IncomingReferral> {
    const referral = await this.get(tx, referralId, true);
    // Checked again under the row lock: the guard's ownership check ran before it.
    assertHolder(referral, staff);
    if (!from.includes(referral.state)) {
      throw new ConflictException(`referral is ${referral.state}; it can become ${to} only when ${from.join(' or ')}`);
    }
    Object.assign(referral, changes, { state: to, updatedAt: new Date() });
    await this.referrals.update(tx, referralId, { ...changes, state: to, updatedAt: referral.updatedAt });
    return referral;
  }

  private addressed<P>(referral: IncomingReferral, payload: P) {
    return { to: referral.fromAgency, caseId: referral.caseId!, victimId: referral.victimId!, payload };
  }
}
