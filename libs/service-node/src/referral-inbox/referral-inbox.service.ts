import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  advanceState,
  EventEnvelope,
  REFERRAL_STATE_RANK,
  ReferralAccepted,
  ReferralCompleted,
  ReferralDeclined,
  ReferralRequestedV1,
  ReferralRevokedV1,
  ReferralState,
  referredPersonFor,
  SERVICE_PROVIDERS,
} from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import { EventRejected, MESSAGING_CONFIG, type MessagingConfig, Transaction } from '@rujukan/messaging';
import { IncomingReferral } from './incoming-referral.entity.js';
import { assertHolder } from './referral-ownership.js';

/** The referral inbox every service node shares: receive, accept, decline, complete. */
/** Who acted, as the sender needs to know it (never a name, password or token). */
export function actorOf(staff: Principal) {
  return { staffId: staff.staffId, role: staff.role };
}

/** A node's own check on a newly arrived referral, in the same transaction (the shelter's capacity check). */
export type ReceivedHook = (tx: Transaction, referral: IncomingReferral) => Promise<void>;

@Injectable()
export class ReferralInboxService {
  private readonly receivedHooks: ReceivedHook[] = [];

  constructor(@Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig) {}

  /** Runs `hook` on every new referral as it arrives (not on a redelivery, nor on one a revocation overtook). */
  whenReceived(hook: ReceivedHook): void {
    this.receivedHooks.push(hook);
  }

  /** A referral arrived. A revocation that overtook it keeps it revoked. */
  async receive(tx: Transaction, event: EventEnvelope<ReferralRequestedV1>): Promise<void> {
    const p = event.payload;
    if (SERVICE_PROVIDERS[p.service] !== this.config.node) {
      throw new EventRejected(`service ${p.service} is not provided by a ${this.config.node} node`);
    }
    if (!event.caseId || !event.victimId) throw new EventRejected('a referral must name its case and victim');
    const repo = tx.manager.getRepository(IncomingReferral);
    const existing = await repo.findOne({ where: { referralId: p.referralId }, lock: { mode: 'pessimistic_write' } });
    const details = {
      caseId: event.caseId,
      victimId: event.victimId,
      service: p.service,
      fromAgency: event.source.agency,
      // Defence in depth: keep only what this service may hold, whatever was sent.
      person: referredPersonFor(p.service, p.person),
      consentOverrideReason: p.consentOverrideReason ?? null,
      statistics: p.statistics ?? null,
      requestedAt: new Date(event.occurredAt),
    };
    if (!existing) {
      await repo.insert({ referralId: p.referralId, state: 'requested', ...details });
      const inserted = await repo.findOneByOrFail({ referralId: p.referralId });
      for (const hook of this.receivedHooks) await hook(tx, inserted);
    } else {
      await repo.update(
        { referralId: p.referralId },
        { ...details, state: advanceState(REFERRAL_STATE_RANK, existing.state, 'requested') },
      );
    }
  }

  /** The sender revoked it: accepted or requested become revoked; a delivered service stays completed. */
  async revoke(tx: Transaction, event: EventEnvelope<ReferralRevokedV1>): Promise<void> {
    const repo = tx.manager.getRepository(IncomingReferral);
    const existing = await repo.findOne({ where: { referralId: event.payload.referralId }, lock: { mode: 'pessimistic_write' } });
    if (!existing) {
      // Revocation overtook its request: remember it so the late request stays revoked.
      await repo.insert({
        referralId: event.payload.referralId,
        fromAgency: event.source.agency,
        state: 'revoked',
        revokeReason: event.payload.reason,
      });
      return;
    }
    if (existing.fromAgency !== event.source.agency) throw new EventRejected('only the sending agency may revoke a referral');
    const state = advanceState(REFERRAL_STATE_RANK, existing.state, 'revoked');
    if (state !== existing.state) {
      await repo.update({ referralId: existing.referralId }, { state, revokeReason: event.payload.reason, updatedAt: new Date() });
    }
  }

  /** The agency's referrals; a case worker sees the unassigned ones and hers. */
  async list(tx: Transaction, staff: Principal, state?: ReferralState): Promise<IncomingReferral[]> {
    const qb = tx.manager
      .getRepository(IncomingReferral)
      .createQueryBuilder('r')
      .where('r.service IS NOT NULL')
      .orderBy('r.receivedAt', 'DESC')
      .take(500);
    if (state) qb.andWhere('r.state = :state', { state });
    if (staff.role === 'case-worker') qb.andWhere('(r.assignee_id IS NULL OR r.assignee_id = :me)', { me: staff.staffId });
    return qb.getMany();
  }

  async get(tx: Transaction, referralId: string, lock = false): Promise<IncomingReferral> {
    const referral = await tx.manager.getRepository(IncomingReferral).findOne({
      where: { referralId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!referral || !referral.service) throw new NotFoundException(`no referral ${referralId}`);
    return referral;
  }

  /** Accepting assigns the referral to the staff member who accepts it. */
  async accept(tx: Transaction, referralId: string, staff: Principal): Promise<IncomingReferral> {
    const referral = await this.transition(tx, staff, referralId, ['requested'], 'accepted', { assigneeId: staff.staffId });
    await tx.emit(ReferralAccepted, this.addressed(referral, { referralId, actor: actorOf(staff) }));
    return referral;
  }

  /** `staff` null: the node declined by its own rule (no capacity), no staff member acted. */
  async decline(tx: Transaction, referralId: string, reason: string, staff: Principal | null): Promise<IncomingReferral> {
    const referral = await this.transition(tx, staff, referralId, ['requested', 'accepted'], 'declined', { declineReason: reason });
    await tx.emit(ReferralDeclined, this.addressed(referral, { referralId, reason, actor: staff ? actorOf(staff) : undefined }));
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
    await tx.manager.getRepository(IncomingReferral).update({ referralId }, { ...changes, state: to, updatedAt: referral.updatedAt });
    return referral;
  }

  private addressed<P>(referral: IncomingReferral, payload: P) {
    return { to: referral.fromAgency, caseId: referral.caseId!, victimId: referral.victimId!, payload };
  }
}
