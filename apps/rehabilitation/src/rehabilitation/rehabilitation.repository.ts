import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { PsychosocialAssessment } from './psychosocial-assessment.entity.js';
import { RehabilitationCompletion } from './rehabilitation-completion.entity.js';
import { RehabilitationPlan } from './rehabilitation-plan.entity.js';
import type { SessionKind } from './rehabilitation-rules.js';
import { RehabilitationSession } from './rehabilitation-session.entity.js';

/** Writes to what is kept under a rehabilitation referral: its assessment, plan, sessions and completion. */
@Injectable()
export class RehabilitationRepository {
  isAssessed(tx: Transaction, referralId: string): Promise<boolean> {
    return tx.manager.getRepository(PsychosocialAssessment).existsBy({ referralId });
  }

  saveAssessment(tx: Transaction, values: Omit<PsychosocialAssessment, 'id' | 'recordedAt'>): Promise<PsychosocialAssessment> {
    const repo = tx.manager.getRepository(PsychosocialAssessment);
    return repo.save(repo.create(values));
  }

  saveSession(tx: Transaction, values: Omit<RehabilitationSession, 'id' | 'recordedAt'>): Promise<RehabilitationSession> {
    const repo = tx.manager.getRepository(RehabilitationSession);
    return repo.save(repo.create(values));
  }

  countSessions(tx: Transaction, referralId: string, kind: SessionKind): Promise<number> {
    return tx.manager.getRepository(RehabilitationSession).countBy({ referralId, kind });
  }

  findPlan(tx: Transaction, referralId: string): Promise<RehabilitationPlan | null> {
    return tx.manager.getRepository(RehabilitationPlan).findOneBy({ referralId });
  }

  savePlan(tx: Transaction, plan: RehabilitationPlan | Omit<RehabilitationPlan, 'madeAt' | 'updatedAt'>): Promise<RehabilitationPlan> {
    const repo = tx.manager.getRepository(RehabilitationPlan);
    return repo.save(plan instanceof RehabilitationPlan ? plan : repo.create(plan));
  }

  saveCompletion(tx: Transaction, values: Omit<RehabilitationCompletion, 'completedAt'>): Promise<RehabilitationCompletion> {
    const repo = tx.manager.getRepository(RehabilitationCompletion);
    return repo.save(repo.create(values));
  }
}
