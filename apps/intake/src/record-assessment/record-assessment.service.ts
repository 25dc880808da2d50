import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import type { Assessment } from '../assessment/assessment.entities.js';
import { AssessmentRepository } from '../assessment/assessment.repository.js';
import { assertVictimOfCase } from '../assessment/victim-of-case.js';
import { CaseRepository } from '../cases/case.repository.js';

export interface AssessmentFindings {
  biological?: string;
  psychological?: string;
  social?: string;
  spiritual?: string;
  needsInOwnWords: string;
  expectations?: string;
}

/** A victim's needs assessment (biological, psychological, social, spiritual; her needs in her own words). */
@Injectable()
export class RecordAssessmentService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly assessments: AssessmentRepository,
  ) {}

  async assess(tx: Transaction, caseId: string, victimId: string, findings: AssessmentFindings, staff: Principal): Promise<Assessment> {
    await assertVictimOfCase(tx, this.cases, caseId, victimId, 'assessments');
    return this.assessments.insert(tx, { victimId, ...findings, assessedBy: staff.staffId });
  }
}
