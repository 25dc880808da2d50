import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { SEALED_LEGAL_SUPPORT } from './legal-support.entities.js';

/** Writes to the legal support tables (counsel, accompaniment, restitution, diversion): one row each, its notes sealed with the referral's data key. */
@Injectable()
export class LegalSupportRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

  async insert<E extends ObjectLiteral>(tx: Transaction, entity: EntityTarget<E>, values: Record<string, unknown>): Promise<E> {
    const repo = tx.manager.getRepository(entity);
    const spec = SEALED_LEGAL_SUPPORT.find((s) => s.entity === entity);
    const stored = spec ? await this.sealed.seal(tx.manager, spec, values.referralId as string, values) : values;
    const row = repo.create(stored as unknown as E);
    await repo.insert(row);
    // The row as stored (its defaults), with what she said in clear.
    return Object.assign(row, values);
  }
}
