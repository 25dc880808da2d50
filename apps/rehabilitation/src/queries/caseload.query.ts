import { Injectable } from '@nestjs/common';
import type { ReferredPerson, ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, ReferralsForStaffQuery } from '@rujukan/service-node';
import { PsychosocialAssessment } from '../rehabilitation/psychosocial-assessment.entity.js';
import { RehabilitationCompletion } from '../rehabilitation/rehabilitation-completion.entity.js';
import { RehabilitationPlan } from '../rehabilitation/rehabilitation-plan.entity.js';
import { RehabilitationSession } from '../rehabilitation/rehabilitation-session.entity.js';

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

/** Who the agency is seeing, and one referral's rehabilitation. */
@Injectable()
export class RehabilitationCaseloadQuery {
  constructor(
    private readonly inbox: ReferralInboxService,
    private readonly referrals: ReferralsForStaffQuery,
  ) {}

  /** One referral's rehabilitation: assessment, plan, sessions, progress, completion. */
  async view(tx: Transaction, referralId: string) {
    const referral = await this.inbox.get(tx, referralId);
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

  /** The agency's rehabilitation caseload (a case worker: hers), last changed first. */
  async list(tx: Transaction, staff: Principal, state: 'accepted' | 'completed'): Promise<CaseloadEntry[]> {
    const referrals = await this.referrals.list(tx, staff, { state, newestBy: 'updated' });
    if (!referrals.length) return [];
    const rows: Array<{
      referral_id: string;
      assessed: boolean;
      sessions_held: number;
      last_session_on: string | null;
      planned_sessions: number | null;
      review_on: string | null;
    }> = await tx.manager.query(
      `SELECT r.id AS referral_id,
              EXISTS (SELECT 1 FROM psychosocial_assessment a WHERE a.referral_id = r.id) AS assessed,
              (SELECT count(*)::int FROM rehabilitation_session s WHERE s.referral_id = r.id) AS sessions_held,
              (SELECT to_char(max(s.held_on), 'YYYY-MM-DD') FROM rehabilitation_session s WHERE s.referral_id = r.id) AS last_session_on,
              p.planned_sessions, to_char(p.review_on, 'YYYY-MM-DD') AS review_on
         FROM unnest($1::uuid[]) AS r(id) LEFT JOIN rehabilitation_plan p ON p.referral_id = r.id`,
      [referrals.map((r) => r.referralId)],
    );
    const records = new Map(rows.map((r) => [r.referral_id, r]));
    return referrals.map((r) => {
      const kept = records.get(r.referralId);
      return {
        referralId: r.referralId,
        service: r.service!,
        state: r.state,
        person: r.person,
        assigneeId: r.assigneeId ?? null,
        assessed: kept?.assessed ?? false,
        sessionsHeld: kept?.sessions_held ?? 0,
        plannedSessions: kept?.planned_sessions ?? null,
        lastSessionOn: kept?.last_session_on ?? null,
        reviewOn: kept?.review_on ?? null,
      };
    });
  }
}
