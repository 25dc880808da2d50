import { Injectable } from '@nestjs/common';
import type { SealedColumnsOf, Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { PsychosocialAssessment } from './psychosocial-assessment.entity.js';
import { RehabilitationCompletion } from './rehabilitation-completion.entity.js';
import { RehabilitationPlan } from './rehabilitation-plan.entity.js';
import type { SessionKind } from './rehabilitation-rules.js';
import { RehabilitationSession } from './rehabilitation-session.entity.js';
import { SEALED_ASSESSMENT, SEALED_COMPLETION, SEALED_PLAN, SEALED_SESSION } from './sealed-records.js';

/** Writes to what is kept under a rehabilitation referral: its assessment, plan, sessions and completion, their free text sealed with the referral's data key. */
@Injectable()
export class RehabilitationRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

  isAssessed(tx: Transaction, referralId: string): Promise<boolean> {
    return tx.manager.getRepository(PsychosocialAssessment).existsBy({ referralId });
  }

  saveAssessment(tx: Transaction, values: Omit<PsychosocialAssessment, 'id' | 'recordedAt'>): Promise<PsychosocialAssessment> {
    return this.store(tx, SEALED_ASSESSMENT, values);
  }

  saveSession(tx: Transaction, values: Omit<RehabilitationSession, 'id' | 'recordedAt'>): Promise<RehabilitationSession> {
    return this.store(tx, SEALED_SESSION, values);
  }

  countSessions(tx: Transaction, referralId: string, kind: SessionKind): Promise<number> {
    return tx.manager.getRepository(RehabilitationSession).countBy({ referralId, kind });
  }

  findPlan(tx: Transaction, referralId: string): Promise<RehabilitationPlan | null> {
    return tx.manager.getRepository(RehabilitationPlan).findOneBy({ referralId });
  }

  savePlan(tx: Transaction, plan: RehabilitationPlan | Omit<RehabilitationPlan, 'madeAt' | 'updatedAt'>): Promise<RehabilitationPlan> {
    return this.store(tx, SEALED_PLAN, plan);
  }

  saveCompletion(tx: Transaction, values: Omit<RehabilitationCompletion, 'completedAt'>): Promise<RehabilitationCompletion> {
    return this.store(tx, SEALED_COMPLETION, values);
  }

  /** Saves a sealed copy of `values`; returns the row as stored (its defaults) with her text in clear. */
  private async store<E extends { referralId: string }>(tx: Transaction, spec: SealedColumnsOf<E>, values: Partial<E>): Promise<E> {
    const repo = tx.manager.getRepository(spec.entity);
    const sealed = await this.sealed.seal(tx.manager, spec, values.referralId!, { ...values });
    const saved = await repo.save(repo.create(sealed as E));
    return Object.assign(saved, values);
  }
}
