import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { BROADCAST, FirstResponseRecorded } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { CaseFile } from '../cases/case.entity.js';
import { CaseRepository } from '../cases/case.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

@Injectable()
export class RecordFirstResponseService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
  ) {}

  async recordFirstResponse(tx: Transaction, caseId: string): Promise<CaseFile> {
    const found = await this.cases.lock(tx, caseId);
    if (!found) throw new NotFoundException(`no case ${caseId}`);
    if (!found.firstRespondedAt) {
      found.firstRespondedAt = new Date();
      await this.cases.update(tx, caseId, { firstRespondedAt: found.firstRespondedAt });
      // Reporting counts a case as handled by the SPM only when this came by its deadline.
      await tx.emit(FirstResponseRecorded, {
        to: BROADCAST,
        caseId: storedStatisticsId(this.settings.statisticsKey, 'case', found),
        payload: {
          riskLevel: found.riskLevel,
          withinDeadline: !found.firstResponseDueAt || found.firstRespondedAt.getTime() <= found.firstResponseDueAt.getTime(),
        },
      });
    }
    return found;
  }
}
