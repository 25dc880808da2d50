import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainedRow } from './access-record-chain.js';

// Ordered by r.seq, the bigint: `seq` alone would name the text column below.
const COLUMNS = `id::text, seq::text, at, staff_id AS "staffId", role, action, resource, resource_id AS "resourceId", route,
  from_address AS "fromAddress", not_owner AS "notOwner", outcome, prev_hash AS "prevHash", hash`;

/** The access record's chain as its verifier and the head signer read it (read only). */
@Injectable()
export class AccessRecordChainQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` rows after `seq`, in chain order. */
  after(seq: string, limit: number): Promise<ChainedRow[]> {
    return this.dataSource.query<ChainedRow[]>(`SELECT ${COLUMNS} FROM access_record r WHERE r.seq > $1 ORDER BY r.seq LIMIT $2`, [
      seq,
      limit,
    ]);
  }

  /** The row with this `seq`, if it is there. */
  async at(seq: string): Promise<ChainedRow | undefined> {
    return (await this.dataSource.query<ChainedRow[]>(`SELECT ${COLUMNS} FROM access_record r WHERE r.seq = $1`, [seq]))[0];
  }

  /** The last row's `seq` and hash (the head), or none while the record is empty. */
  async head(): Promise<{ seq: string; hash: string } | undefined> {
    return (
      await this.dataSource.query<Array<{ seq: string; hash: string }>>(
        `SELECT r.seq::text AS seq, r.hash FROM access_record r ORDER BY r.seq DESC LIMIT 1`,
      )
    )[0];
  }
}
