import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RotatedSession {
  id: string;
  staffId: string;
}

/** The `staff_session` rows: refresh tokens by hash only. */
@Injectable()
export class StaffSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The database's clock decides every end (one clock for every node process). */
  async start(staffId: string, refreshHash: string, maxSeconds: number): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO staff_session (staff_id, refresh_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
      [staffId, refreshHash, maxSeconds],
    );
    return row.id;
  }

  /** Swaps the refresh token of a live session in one statement: two refreshes with one token, one wins. */
  async rotate(oldHash: string, newHash: string, idleSeconds: number): Promise<RotatedSession | undefined> {
    // TypeORM answers an UPDATE ... RETURNING as [rows, affected].
    const [rows] = await this.dataSource.query<[RotatedSession[], number]>(
      `UPDATE staff_session SET refresh_hash = $2, previous_hash = $1, last_used_at = now()
        WHERE refresh_hash = $1 AND ended_at IS NULL AND expires_at > now() AND last_used_at > now() - make_interval(secs => $3)
        RETURNING id, staff_id AS "staffId"`,
      [oldHash, newHash, idleSeconds],
    );
    return rows[0];
  }

  /** A token that was already rotated away is being used again: someone else has it; end that session. */
  async endReplayed(previousHash: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE staff_session SET ended_at = now() WHERE previous_hash = $1 AND ended_at IS NULL RETURNING id`,
      [previousHash],
    );
    return rows.length > 0;
  }

  async end(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE staff_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL`, [id]);
  }

  async isLive(id: string): Promise<boolean> {
    const [row] = await this.dataSource.query<Array<{ live: boolean }>>(
      `SELECT ended_at IS NULL AND expires_at > now() AS live FROM staff_session WHERE id = $1`,
      [id],
    );
    return row?.live === true;
  }
}
