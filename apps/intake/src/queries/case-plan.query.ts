import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { needStatus } from '../assessment/plan-status.js';
import { Assessment, PlanItem } from '../assessment/assessment.entities.js';
import { Victim } from '../cases/victim.entity.js';
import { Referral } from '../cases/referral.entity.js';

/** A case's plan: each need with its status (met, pending, refused) from the referrals made for it, and the assessments. */
@Injectable()
export class CasePlanQuery {
  async ofCase(tx: Transaction, caseId: string) {
    // One after another: a transaction is one connection, and pg refuses (and warns about) a query
    // sent while the connection is still executing the previous one.
    const items = await tx.manager.getRepository(PlanItem).find({ where: { caseId }, order: { addedAt: 'ASC' } });
    const referrals = await tx.manager.getRepository(Referral).find({ where: { caseId } });
    // Loaded as entities, so her words (sealed with her data key) are opened as they load.
    const assessments = await tx.manager
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .innerJoin(Victim, 'v', 'v.id = a.victim_id')
      .where('v.case_id = :caseId', { caseId })
      .orderBy('a.assessedAt')
      .getMany();
    return {
      caseId,
      assessments: assessments.map((a) => ({
        id: a.id,
        victimId: a.victimId,
        needsInOwnWords: a.needsInOwnWords,
        assessedAt: a.assessedAt,
      })),
      needs: items.map((i) => {
        const made = referrals.filter((r) => r.victimId === i.victimId && r.service === i.service);
        return {
          victimId: i.victimId,
          service: i.service,
          status: needStatus(made.map((r) => r.state)),
          referrals: made.map((r) => ({ id: r.id, agencyId: r.agencyId, state: r.state })),
        };
      }),
    };
  }
}
