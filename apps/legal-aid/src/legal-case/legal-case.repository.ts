import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { LegalCase, LegalStageRecord, SEALED_LEGAL_CASE } from './legal-case.entity.js';

/** Writes to `legal_case` and `legal_stage`; the police report's number is stored sealed with the referral's data key. */
@Injectable()
export class LegalCaseRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

  /** The referral's case, made empty if it has none yet, locked. */
  async lockedCase(tx: Transaction, referralId: string): Promise<LegalCase> {
    const repo = tx.manager.getRepository(LegalCase);
    await repo.createQueryBuilder().insert().values({ referralId }).orIgnore().execute();
    return (await repo.findOne({ where: { referralId }, lock: { mode: 'pessimistic_write' } }))!;
  }

  async save(tx: Transaction, legalCase: LegalCase): Promise<void> {
    const repo = tx.manager.getRepository(LegalCase);
    await repo.save(repo.create(await this.sealed.seal(tx.manager, SEALED_LEGAL_CASE, legalCase.referralId, { ...legalCase })));
  }

  hasStage(tx: Transaction, referralId: string, stage: LegalStageRecord['stage']): Promise<boolean> {
    return tx.manager.getRepository(LegalStageRecord).existsBy({ referralId, stage });
  }

  async insertStage(tx: Transaction, record: Omit<LegalStageRecord, 'recordedAt'>): Promise<void> {
    await tx.manager.getRepository(LegalStageRecord).insert(record);
  }
}
