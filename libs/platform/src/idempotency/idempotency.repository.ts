import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A stored Idempotency-Key row, as the interceptor needs it. */
export interface IdempotencyRecord {
  fingerprint: string;
  state: 'in-progress' | 'completed';
  /** A transaction of the request committed (an effect may have happened). */
  committed: boolean;
  /** The claim of an in-progress request has run out (its node stopped, or it hangs). */
  claimExpired: boolean;
  status: number | null;
  body: unknown;
}

/** The SQL of `http_idempotency`. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the key for one request: inserts it, or takes over a row past its
   * retention, or an abandoned claim of the same request that never committed.
   * True when this request holds the key now.
   */
  async claim(
    account: string,
    key: string,
    fingerprint: string,
    token: string,
    options: { claimSeconds: number; retentionSeconds: number },
  ): Promise<boolean> {
    const rows: Array<{ claim_token: string }> = await this.dataSource.query(
      `INSERT INTO http_idempotency AS r (account, key, fingerprint, claim_token, state, created_at, claimed_until)
       VALUES ($1, $2, $3, $4, 'in-progress', now(), now() + make_interval(secs => $5))
       ON CONFLICT (account, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, claim_token = EXCLUDED.claim_token, state = 'in-progress',
             created_at = now(), claimed_until = EXCLUDED.claimed_until, committed_at = NULL, status = NULL, body = NULL
         WHERE r.created_at < now() - make_interval(secs => $6)
            OR (r.state = 'in-progress' AND r.committed_at IS NULL AND r.claimed_until < now() AND r.fingerprint = EXCLUDED.fingerprint)
       RETURNING claim_token`,
      [account, key, fingerprint, token, options.claimSeconds, options.retentionSeconds],
    );
    return rows[0]?.claim_token === token;
  }

  /** The row as it stands, if any. */
  async find(account: string, key: string): Promise<IdempotencyRecord | undefined> {
    const rows: Array<{
      fingerprint: string;
      state: 'in-progress' | 'completed';
      committed: boolean;
      claim_expired: boolean;
      status: number | null;
      body: unknown;
    }> = await this.dataSource.query(
      `SELECT fingerprint, state, committed_at IS NOT NULL AS committed,
              coalesce(claimed_until < now(), false) AS claim_expired, status, body
         FROM http_idempotency WHERE account = $1 AND key = $2`,
      [account, key],
    );
    const r = rows[0];
    return (
      r && {
        fingerprint: r.fingerprint,
        state: r.state,
        committed: r.committed,
        claimExpired: r.claim_expired,
        status: r.status,
        body: r.body,
      }
    );
  }

  /**
   * Inside an effect's transaction: marks the claim as committed-to and locks
   * it until the transaction ends. False when this request no longer holds it.
   */
  async markCommitted(manager: EntityManager, account: string, key: string, token: string): Promise<boolean> {
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `WITH u AS (
         UPDATE http_idempotency SET committed_at = coalesce(committed_at, now())
          WHERE account = $1 AND key = $2 AND claim_token = $3 AND state = 'in-progress'
          RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [account, key, token],
    );
    return n === 1;
  }

  /** Stores the final answer of the request that holds the claim. */
  async complete(account: string, key: string, token: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE http_idempotency SET state = 'completed', status = $4, body = $5::json, claimed_until = NULL
        WHERE account = $1 AND key = $2 AND claim_token = $3`,
      [account, key, token, status, JSON.stringify(body ?? null)],
    );
  }

  /** Gives the key back when the request had no effect. False if it committed something (then keep it). */
  async release(account: string, key: string, token: string): Promise<boolean> {
    const [{ n }]: Array<{ n: number }> = await this.dataSource.query(
      `WITH d AS (
         DELETE FROM http_idempotency
          WHERE account = $1 AND key = $2 AND claim_token = $3 AND committed_at IS NULL
          RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [account, key, token],
    );
    return n === 1;
  }

  /** Ends the claim of a request that committed and then failed: the key stays taken, without an answer. */
  async abandon(account: string, key: string, token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE http_idempotency SET claimed_until = now() WHERE account = $1 AND key = $2 AND claim_token = $3 AND state = 'in-progress'`,
      [account, key, token],
    );
  }

  /** Deletes rows past the retention; the number deleted. */
  async purge(retentionSeconds: number): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.dataSource.query(
      `WITH d AS (DELETE FROM http_idempotency WHERE created_at < now() - make_interval(secs => $1) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [retentionSeconds],
    );
    return n;
  }
}
