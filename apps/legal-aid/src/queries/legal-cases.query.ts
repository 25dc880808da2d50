import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@rujukan/auth';
import { ReferralsForStaffQuery, type IncomingReferral } from '@rujukan/service-node';
import { LegalCase, LegalStageRecord } from '../legal-case/legal-case.entity.js';
import type { LegalStage } from '../legal-case/stage-order.js';
import { Accompaniment, CounselAssignment, Diversion, RestitutionClaim } from '../legal-support/legal-support.entities.js';
import { VisumRequestOut } from '../visum/visum-request.entity.js';

/** The criminal case under a referral, with everything recorded under it; and the agency's cases by stage. */
@Injectable()
export class LegalCasesQuery {
  constructor(private readonly referrals: ReferralsForStaffQuery) {}

  /** Everything recorded under the referral, with the visum requests and their answers. */
  async view(db: EntityManager, referral: IncomingReferral) {
    const referralId = referral.referralId;
    const legalCase = await db.getRepository(LegalCase).findOneBy({ referralId });
    return {
      referralId,
      service: referral.service,
      referralState: referral.state,
      policeReportNumber: legalCase?.policeReportNumber ?? null,
      policeReportedOn: legalCase?.policeReportedOn ?? null,
      stage: legalCase?.stage ?? null,
      stageOn: legalCase?.stageOn ?? null,
      verdictOutcome: legalCase?.verdictOutcome ?? null,
      stages: await db.getRepository(LegalStageRecord).find({ where: { referralId }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } }),
      counsel: await db.getRepository(CounselAssignment).find({ where: { referralId }, order: { assignedOn: 'ASC' } }),
      accompaniments: await db.getRepository(Accompaniment).find({ where: { referralId }, order: { accompaniedOn: 'ASC' } }),
      restitutionClaims: await db.getRepository(RestitutionClaim).find({ where: { referralId }, order: { filedOn: 'ASC' } }),
      diversions: await db.getRepository(Diversion).find({ where: { referralId }, order: { heldOn: 'ASC' } }),
      visumRequests: await db.getRepository(VisumRequestOut).find({ where: { referralId }, order: { requestedAt: 'ASC' } }),
    };
  }

  /** The agency's cases by stage, last changed first; a case worker sees those of her referrals. */
  async list(db: EntityManager, staff: Principal, stage?: LegalStage): Promise<LegalCase[]> {
    const referralIds = await this.referrals.ids(db, staff);
    const qb = db.getRepository(LegalCase).createQueryBuilder('c').orderBy('c.updatedAt', 'DESC').take(500);
    if (stage) qb.andWhere('c.stage = :stage', { stage });
    if (referralIds) qb.andWhere('c.referral_id = ANY(:referralIds)', { referralIds });
    return qb.getMany();
  }
}
