import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { RiskLevel } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { CaseAlert } from '../triage/case-alert.entity.js';
import { caseIsTheirs } from './case-ownership.query.js';

/** A case past its first-response deadline (the query's columns). */
export interface OverdueCase {
  id: string;
  caseNumber: string;
  riskLevel: RiskLevel;
  registeredAt: Date;
  firstResponseDueAt: Date;
  ownerId: string | null;
}

/** What waits for a first response, and the supervisors' alerts. */
@Injectable()
export class TriageQuery {
  /** Cases past their first-response deadline with no response yet: a case worker's own, or all for a supervisor. */
  overdue(tx: Transaction, staff: Principal): Promise<OverdueCase[]> {
    return tx.manager.query(
      `SELECT c.id, c.case_number AS "caseNumber", c.risk_level AS "riskLevel", c.registered_at AS "registeredAt",
              c.first_response_due_at AS "firstResponseDueAt", c.owner_id AS "ownerId"
       FROM case_file c
       WHERE c.first_responded_at IS NULL AND c.first_response_due_at <= now() AND c.status NOT IN ('closed', 'closed-referred')
         AND ($1::text IS NULL OR ${caseIsTheirs('$1')})
       ORDER BY c.first_response_due_at LIMIT 500`,
      [staff.role === 'case-worker' ? staff.staffId : null],
    );
  }

  /** Alerts, newest first. */
  alerts(tx: Transaction): Promise<CaseAlert[]> {
    return tx.manager.getRepository(CaseAlert).find({ order: { raisedAt: 'DESC' }, take: 500 });
  }
}
