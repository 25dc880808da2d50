import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { needStatus } from '../assessment/plan-status.js';
import { PlanItem } from '../assessment/assessment.entities.js';
import { Referral } from '../cases/referral.entity.js';

/** A case's plan: each need with its status (met, pending, refused) from the referrals made for it, and the assessments. */
@Injectable()
export class CasePlanQuery {
  async ofCase(tx: Transaction, caseId: string) {
    // One after another: a transaction is one connection, and pg refuses (and warns about) a query
    // sent while the connection is still executing the previous one.
    const items = await tx.manager.getRepository(PlanItem).find({ where: { caseId }, order: { addedAt: 'ASC' } });
    const referrals = await tx.manager.getRepository(Referral).find({ where: { caseId } });
    const assessments = await tx.manager.query<Record<string, unknown>[]>(
      `SELECT a.* FROM assessment a JOIN victim v ON v.id = a.victim_id WHERE v.case_id = $1 ORDER BY a.assessed_at`,
      [caseId],
    );
    return {
      caseId,
      assessments: assessments.map((a) => ({
        id: a.id,
        victimId: a.victim_id,
        needsInOwnWords: a.needs_in_own_words,
        assessedAt: a.assessed_at,
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
