import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ageOn } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { CaseReportRepository } from '../cases/case-report.repository.js';
import { CaseRepository } from '../cases/case.repository.js';
import { assertOpenForWork } from '../cases/open-for-work.js';
import { findDuplicates } from '../duplicates/duplicate-match.js';
import { nikAgreement } from '../duplicates/nik.js';
import type { AttachReportBody } from './attach-report.dto.js';

/**
 * One case per incident (docs/reporting.md): a further report of the
 * incident of an open case, about one of its victims, is kept with the case
 * (its channel, reporter and time, in the timeline). No case, victim or
 * broadcast is added, so the figures move by nothing. A report about another
 * incident is a new case (POST /cases), linked to this one as a duplicate.
 */
@Injectable()
export class AttachReportService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly reports: CaseReportRepository,
  ) {}

  async attach(tx: Transaction, caseId: string, body: AttachReportBody, staff: Principal) {
    const caseFile = await this.cases.lock(tx, caseId);
    if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
    assertOpenForWork(caseFile, 'reports');
    const now = await this.cases.now(tx);
    const p = body.victim;
    const problems = p.idNumber ? nikAgreement(p.idNumber, { sex: p.sex, birthDate: p.birthDate }) : [];
    if (problems.length) throw fieldErrorsException({ 'victim.idNumber': problems });
    const person = {
      id: randomUUID(),
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate ?? null,
      ageYears: p.birthDate ? ageOn(p.birthDate, now) : p.ageYears!,
      district: p.district,
      idNumber: p.idNumber ?? null,
    };
    const [match] = findDuplicates(person, await this.cases.victimsOf(tx, caseId));
    if (!match)
      throw new UnprocessableEntityException(
        'the person reported is not a victim of this case (by NIK, or name with birth date or age and district): register the report as a new case',
      );
    const report = await this.reports.insert(tx, {
      id: randomUUID(),
      caseId,
      victimId: match.id,
      channel: body.channel,
      basis: match.basis,
      reporterRelation: body.reporter?.relation ?? null,
      reporterAnonymous: body.reporter?.anonymous ?? false,
      reporterName: body.reporter?.anonymous ? null : (body.reporter?.name ?? null),
      reporterPhone: body.reporter?.anonymous ? null : (body.reporter?.phone ?? null),
      note: body.note ?? null,
      recordedBy: staff.staffId,
    });
    return {
      id: report.id,
      caseId,
      caseNumber: caseFile.caseNumber,
      victimId: match.id,
      basis: match.basis,
      weaker: match.weaker,
      channel: report.channel,
      receivedAt: report.receivedAt,
    };
  }
}
