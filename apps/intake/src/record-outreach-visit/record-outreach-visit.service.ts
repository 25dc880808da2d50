import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BROADCAST, UptdFunctionRecorded } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { CaseRepository } from '../cases/case.repository.js';
import { assertNotAfterToday } from '../functions/not-after-today.js';
import { UptdFunctionRepository, type OutreachVisit } from '../functions/uptd-function.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import type { ListOutreachVisitsQuery, RecordOutreachVisitBody } from './record-outreach-visit.dto.js';

/** Outreach (penjangkauan), a function of the UPTD PPA: each visit recorded and counted by reporting. */
@Injectable()
export class RecordOutreachVisitService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly functions: UptdFunctionRepository,
  ) {}

  async record(tx: Transaction, body: RecordOutreachVisitBody, staff: Principal): Promise<OutreachVisit> {
    const now = await this.cases.now(tx);
    assertNotAfterToday('visitedOn', body.visitedOn, now, this.settings.timeZone);
    if (body.caseId && !(await this.cases.find(tx, body.caseId)))
      throw fieldErrorsException({ caseId: ['caseId must be a case registered here'] });
    const visit = await this.functions.insertOutreach(tx, {
      id: randomUUID(),
      visitedOn: body.visitedOn,
      district: body.district,
      place: body.place,
      staff: body.staff,
      outcome: body.outcome,
      complaints: body.complaints ?? 0,
      caseId: body.caseId ?? null,
      note: body.note ?? null,
      recordedBy: staff.staffId,
    });
    // De-identified: no place, no staff, no note; a fresh id, not the record's.
    await tx.emit(UptdFunctionRecorded, {
      to: BROADCAST,
      payload: {
        recordId: randomUUID(),
        function: 'outreach',
        outcome: visit.outcome,
        month: visit.visitedOn.slice(0, 7),
        district: visit.district,
      },
    });
    return visit;
  }

  async list(tx: Transaction, query: ListOutreachVisitsQuery): Promise<OutreachVisit[]> {
    const now = await this.cases.now(tx);
    const to = query.to ?? now.toISOString().slice(0, 10);
    const from = query.from ?? new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    if (from > to) throw fieldErrorsException({ from: ['from must not be after to'] });
    return this.functions.outreachBetween(tx, from, to);
  }
}
