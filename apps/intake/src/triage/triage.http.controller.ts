import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { caseIsTheirs } from '../cases/case-ownership.js';
import { CaseAlert } from './case-alert.entity.js';
import { TriageService } from './triage.service.js';

@Controller()
export class TriageHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly triage: TriageService,
  ) {}

  /** The case worker's first response (contact, outreach, service started) stops the clock. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post('cases/:id/first-response')
  @HttpCode(200)
  async firstResponse(@Param('id', ParseUUIDPipe) id: string) {
    const c = await this.uow.run((tx) => this.triage.recordFirstResponse(tx, id));
    return { id: c.id, firstResponseDueAt: c.firstResponseDueAt, firstRespondedAt: c.firstRespondedAt };
  }

  /** Cases past their first-response deadline with no response yet: a case worker's own, or all for a supervisor. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read' })
  @Get('triage/overdue')
  overdue(@CurrentStaff() staff: Principal) {
    return this.uow.run((tx) =>
      tx.manager.query(
        `SELECT c.id, c.case_number AS "caseNumber", c.risk_level AS "riskLevel", c.registered_at AS "registeredAt",
                c.first_response_due_at AS "firstResponseDueAt", c.owner_id AS "ownerId"
         FROM case_file c
         WHERE c.first_responded_at IS NULL AND c.first_response_due_at <= now() AND c.status NOT IN ('closed', 'closed-referred')
           AND ($1::text IS NULL OR ${caseIsTheirs('$1')})
         ORDER BY c.first_response_due_at LIMIT 500`,
        [staff.role === 'case-worker' ? staff.staffId : null],
      ),
    );
  }

  /** Open alerts for supervisors (high-risk cases, overdue first responses). */
  @Allow(['supervisor'], { resource: 'alert', action: 'read' })
  @Get('alerts')
  alerts() {
    return this.uow.run((tx) => tx.manager.getRepository(CaseAlert).find({ order: { raisedAt: 'DESC' }, take: 500 }));
  }

  @Allow(['supervisor'], { resource: 'alert', action: 'write', param: 'id' })
  @Post('alerts/:id/acknowledge')
  @HttpCode(204)
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: Principal) {
    return this.uow.run(async (tx) => {
      const result = await tx.manager
        .getRepository(CaseAlert)
        .update({ id }, { acknowledgedBy: staff.staffId, acknowledgedAt: new Date() });
      if (!result.affected) throw new NotFoundException(`no alert ${id}`);
    });
  }
}
