import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRecord } from './access-record.entity.js';

/** The access record as the agency administrator reads it: newest first, at most 500. */
@Injectable()
export class AccessRecordsQuery {
  constructor(private readonly dataSource: DataSource) {}

  latest(filter: { notOwner?: boolean; staffId?: string }): Promise<AccessRecord[]> {
    const where: Record<string, unknown> = {};
    if (filter.notOwner !== undefined) where.notOwner = filter.notOwner;
    if (filter.staffId) where.staffId = filter.staffId;
    return this.dataSource.getRepository(AccessRecord).find({ where, order: { seq: 'DESC' }, take: 500 });
  }
}
