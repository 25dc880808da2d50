import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Transaction } from '@rujukan/messaging';

/** Writes to the legal support tables (counsel, accompaniment, restitution, diversion): one row each. */
@Injectable()
export class LegalSupportRepository {
  async insert<E extends ObjectLiteral>(tx: Transaction, entity: EntityTarget<E>, values: Record<string, unknown>): Promise<E> {
    const repo = tx.manager.getRepository(entity);
    const row = repo.create(values as unknown as E);
    await repo.insert(row);
    return row;
  }
}
