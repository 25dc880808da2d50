import { Injectable } from '@nestjs/common';
import type { ReferredPerson, ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService } from '@rujukan/service-node';
import { RehabilitationCompletion } from '../complete-rehabilitation/rehabilitation-completion.entity.js';
import { PsychosocialAssessment } from '../psychosocial-assessment/psychosocial-assessment.entity.js';
import { RehabilitationPlan } from '../rehabilitation-plan/rehabilitation-plan.entity.js';
import { RehabilitationSession } from '../sessions/rehabilitation-session.entity.js';

export interface CaseloadEntry {
  referralId: string;
  service: ServiceType;
  state: string;
  person: ReferredPerson;
  assigneeId: string | null;
  assessed: boolean;
  sessionsHeld: number;
  plannedSessions: number | null;
  lastSessionOn: string | null;
  reviewOn: string | null;
}

@Injectable()
export class CaseloadService {
  constructor(private readonly referrals: ReferralInboxService) {}

  /** One referral's rehabilitation: assessment, plan, sessions, progress, completion. */
  async view(tx: Transaction, referralId: string) {
    const referral = await this.referrals.get(tx, referralId);
    const m = tx.manager;
    // One transaction, one connection: the reads go one after another.
    const assessment = await m.getRepository(PsychosocialAssessment).findOneBy({ referralId });
    const plan = await m.getRepository(RehabilitationPlan).findOneBy({ referralId });
    const sessions = await m
      .getRepository(RehabilitationSession)
      .find({ where: { referralId }, order: { heldOn: 'ASC', recordedAt: 'ASC' } });
    const completion = await m.getRepository(RehabilitationCompletion).findOneBy({ referralId });
    return {
      referralId,
      service: referral.service,
      state: referral.state,
      fromAgency: referral.fromAgency,
      assigneeId: referral.assigneeId,
      person: referral.person,
      assessment,
      plan,
      sessions,
      progress: {
        sessionsHeld: sessions.length,
        plannedSessions: plan?.plannedSessions ?? null,
        minutes: sessions.reduce((sum, s) => sum + s.durationMinutes, 0),
      },
      completion,
    };
  }

  /** The agency's rehabilitation caseload (a case worker: hers), accepted by default. */
  async list(tx: Transaction, staff: Principal, state: 'accepted' | 'completed'): Promise<CaseloadEntry[]> {
    const params: unknown[] = [state];
    let mine = '';
    if (staff.role === 'case-worker') {
      params.push(staff.staffId);
      mine = 'AND (r.assignee_id IS NULL OR r.assignee_id = $2)';
    }
    const rows: Array<Record<string, unknown>> = await tx.manager.query(
      `SELECT r.referral_id, r.service, r.state, r.person, r.assignee_id,
              EXISTS (SELECT 1 FROM psychosocial_assessment a WHERE a.referral_id = r.referral_id) AS assessed,
              (SELECT count(*)::int FROM rehabilitation_session s WHERE s.referral_id = r.referral_id) AS sessions_held,
              (SELECT to_char(max(s.held_on), 'YYYY-MM-DD') FROM rehabilitation_session s WHERE s.referral_id = r.referral_id) AS last_session_on,
              p.planned_sessions, to_char(p.review_on, 'YYYY-MM-DD') AS review_on
         FROM incoming_referral r LEFT JOIN rehabilitation_plan p ON p.referral_id = r.referral_id
        WHERE r.service IS NOT NULL AND r.state = $1 ${mine}
        ORDER BY r.updated_at DESC LIMIT 500`,
      params,
    );
    return rows.map((r) => ({
      referralId: r.referral_id as string,
      service: r.service as ServiceType,
      state: r.state as string,
      person: r.person as ReferredPerson,
      assigneeId: (r.assignee_id as string | null) ?? null,
      assessed: r.assessed as boolean,
      sessionsHeld: r.sessions_held as number,
      plannedSessions: (r.planned_sessions as number | null) ?? null,
      lastSessionOn: (r.last_session_on as string | null) ?? null,
      reviewOn: (r.review_on as string | null) ?? null,
    }));
  }
}
