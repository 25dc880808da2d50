import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { caseIsTheirs } from '../cases/case-ownership.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

const STAFF = ['case-worker', 'supervisor'] as const;

/** A case worker sees referrals of her own (and shared) cases; a supervisor the unit's. */
const MINE = `($1::text IS NULL OR ${caseIsTheirs('$1')})`;

export class WaitingQuery {
  /** Waiting longer than this many hours (default REFERRAL_WAITING_HOURS, 24). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  hours?: number;
}

/** The lists a case worker works from each morning. */
@Controller('referrals')
export class WorkListsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  /** Referrals the agency has not accepted or declined after N hours: time to phone them. */
  @Allow(STAFF, { resource: 'referral', action: 'read' })
  @Get('waiting')
  waiting(@Query() query: WaitingQuery, @CurrentStaff() staff: Principal) {
    const hours = query.hours ?? this.settings.referralWaitingHours;
    return this.uow.run((tx) =>
      tx.manager.query(
        `SELECT r.id, r.case_id AS "caseId", c.case_number AS "caseNumber", r.victim_id AS "victimId", r.service, r.agency_id AS "agencyId",
                r.created_at AS "requestedAt", round(extract(epoch FROM now() - r.created_at) / 3600, 1)::float AS "hoursWaiting"
         FROM referral r JOIN case_file c ON c.id = r.case_id
         WHERE r.state = 'requested' AND r.created_at <= now() - make_interval(hours => $2) AND ${MINE}
         ORDER BY r.created_at LIMIT 500`,
        [staff.role === 'case-worker' ? staff.staffId : null, hours],
      ),
    );
  }

  /** Declined referrals whose need nobody has taken up since: a new agency must be found. */
  @Allow(STAFF, { resource: 'referral', action: 'read' })
  @Get('declined')
  declined(@CurrentStaff() staff: Principal) {
    return this.uow.run((tx) =>
      tx.manager.query(
        `SELECT r.id, r.case_id AS "caseId", c.case_number AS "caseNumber", r.victim_id AS "victimId", r.service, r.agency_id AS "agencyId",
                r.outcome_note AS "reason", r.updated_at AS "declinedAt"
         FROM referral r JOIN case_file c ON c.id = r.case_id
         WHERE r.state = 'declined' AND c.status NOT IN ('closed', 'closed-referred') AND ${MINE}
           AND NOT EXISTS (SELECT 1 FROM referral later WHERE later.victim_id = r.victim_id AND later.service = r.service
                           AND later.created_at > r.created_at AND later.state IN ('requested', 'accepted', 'completed'))
         ORDER BY r.updated_at LIMIT 500`,
        [staff.role === 'case-worker' ? staff.staffId : null],
      ),
    );
  }
}
