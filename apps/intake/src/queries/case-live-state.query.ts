import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What the console's live view follows: the case's status and each referral's state, as one comparable string. */
@Injectable()
export class CaseLiveStateQuery {
  constructor(private readonly dataSource: DataSource) {}

  async of(caseId: string): Promise<string> {
    const rows = await this.dataSource.query<Array<{ state: string }>>(
      `SELECT c.status || ':' || coalesce(string_agg(r.id || '=' || r.state, ',' ORDER BY r.id), '') AS state
         FROM case_file c LEFT JOIN referral r ON r.case_id = c.id WHERE c.id = $1 GROUP BY c.status`,
      [caseId],
    );
    return rows[0]?.state ?? '';
  }
}
