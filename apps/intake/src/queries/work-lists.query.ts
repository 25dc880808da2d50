import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { IntakeSealedColumns, SEALED_REFERRAL } from '../cases/sealed-columns.js';
import { caseIsTheirs } from './case-ownership.query.js';

/** A case worker sees referrals of her own (and shared) cases; a supervisor the unit's. */
const MINE = `($1::text IS NULL OR ${caseIsTheirs('$1')})`;

const whose = (staff: Principal) => (staff.role === 'case-worker' ? staff.staffId : null);

/** A referral in a work list (its columns, as the query names them). */
interface WorkListReferral {
  id: string;
  caseId: string;
  caseNumber: string;
  victimId: string;
  service: ServiceType;
  /** The agency it was sent to (its id in the registry). */
  agencyId: string;
}

export interface WaitingReferral extends WorkListReferral {
  requestedAt: Date;
  hoursWaiting: number;
}

export interface DeclinedReferral extends WorkListReferral {
  /** The agency's reason for declining. */
  reason: string | null;
  declinedAt: Date;
}

/** The lists a case worker works from each morning. */
@Injectable()
export class WorkListsQuery {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  /** Referrals the agency has not accepted or declined after `hours`: time to phone them. */
  waiting(tx: Transaction, staff: Principal, hours: number): Promise<WaitingReferral[]> {
    return tx.manager.query(
      `SELECT r.id, r.case_id AS "caseId", c.case_number AS "caseNumber", r.victim_id AS "victimId", r.service, r.agency_id AS "agencyId",
              r.created_at AS "requestedAt", round(extract(epoch FROM now() - r.created_at) / 3600, 1)::float AS "hoursWaiting"
       FROM referral r JOIN case_file c ON c.id = r.case_id
       WHERE r.state = 'requested' AND r.created_at <= now() - make_interval(hours => $2) AND ${MINE}
       ORDER BY r.created_at LIMIT 500`,
      [whose(staff), hours],
    );
  }

  /** Declined referrals whose need nobody has taken up since: a new agency must be found. */
  async declined(tx: Transaction, staff: Principal): Promise<DeclinedReferral[]> {
    const rows: Array<DeclinedReferral & Record<string, unknown>> = await tx.manager.query(
      `SELECT r.id, r.case_id AS "caseId", c.case_number AS "caseNumber", r.victim_id AS "victimId", r.service, r.agency_id AS "agencyId",
              r.outcome_note AS "reason", r.decline_code AS "code", r.updated_at AS "declinedAt"
       FROM referral r JOIN case_file c ON c.id = r.case_id
       WHERE r.state = 'declined' AND c.status NOT IN ('closed', 'closed-referred') AND ${MINE}
         AND NOT EXISTS (SELECT 1 FROM referral later WHERE later.victim_id = r.victim_id AND later.service = r.service
                         AND later.created_at > r.created_at AND later.state IN ('requested', 'accepted', 'completed'))
       ORDER BY r.updated_at LIMIT 500`,
      [whose(staff)],
    );
    // The reason is sealed with her data key.
    return this.sealed.openRows(tx.manager, SEALED_REFERRAL, rows, (r) => r.victimId, { reason: 'outcomeNote' });
  }
}
