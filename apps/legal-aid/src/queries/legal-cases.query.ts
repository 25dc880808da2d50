import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { ReferralInboxService, ReferralsForStaffQuery, type IncomingReferral } from '@rujukan/service-node';
import type { Transaction } from '@rujukan/messaging';
import { LegalCase, LegalStageRecord } from '../legal-case/legal-case.entity.js';
import type { LegalStage } from '../legal-case/stage-order.js';
import { Accompaniment, CounselAssignment, Diversion, RestitutionClaim } from '../legal-support/legal-support.entities.js';
import { VisumRequestOut } from '../visum/visum-request.entity.js';

/** The criminal case under a referral, with everything recorded under it; and the agency's cases by stage. */
@Injectable()
export class LegalCasesQuery {
  constructor(
    private readonly inbox: ReferralInboxService,
    private readonly referrals: ReferralsForStaffQuery,
  ) {}

  /** The legal case under the referral (404 when the agency holds no such referral). */
  async get(tx: Transaction, referralId: string) {
    return this.view(tx, await this.inbox.get(tx, referralId));
  }

  /** Everything recorded under the referral, with the visum requests and their answers. */
  async view(tx: Transaction, referral: IncomingReferral) {
    const referralId = referral.referralId;
    const legalCase = await tx.manager.getRepository(LegalCase).findOneBy({ referralId });
    return {
      referralId,
      service: referral.service,
      referralState: referral.state,
      policeReportNumber: legalCase?.policeReportNumber ?? null,
      policeReportedOn: legalCase?.policeReportedOn ?? null,
      stage: legalCase?.stage ?? null,
      stageOn: legalCase?.stageOn ?? null,
      verdictOutcome: legalCase?.verdictOutcome ?? null,
      stages: await tx.manager
        .getRepository(LegalStageRecord)
        .find({ where: { referralId }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } }),
      counsel: await tx.manager.getRepository(CounselAssignment).find({ where: { referralId }, order: { assignedOn: 'ASC' } }),
      accompaniments: await tx.manager.getRepository(Accompaniment).find({ where: { referralId }, order: { accompaniedOn: 'ASC' } }),
      restitutionClaims: await tx.manager.getRepository(RestitutionClaim).find({ where: { referralId }, order: { filedOn: 'ASC' } }),
      diversions: await tx.manager.getRepository(Diversion).find({ where: { referralId }, order: { heldOn: 'ASC' } }),
      visumRequests: await tx.manager.getRepository(VisumRequestOut).find({ where: { referralId }, order: { requestedAt: 'ASC' } }),
    };
  }

  /** The agency's cases by stage, last changed first; a case worker sees those of her referrals. */
  async list(tx: Transaction, staff: Principal, stage?: LegalStage): Promise<LegalCase[]> {
    const referralIds = await this.referrals.ids(tx, staff);
    const qb = tx.manager.getRepository(LegalCase).createQueryBuilder('c').orderBy('c.updatedAt', 'DESC').take(500);
    if (stage) qb.andWhere('c.stage = :stage', { stage });
    if (referralIds) qb.andWhere('c.referral_id = ANY(:referralIds)', { referralIds });
    return qb.getMany();
  }
}
