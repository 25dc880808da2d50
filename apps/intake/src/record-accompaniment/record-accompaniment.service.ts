import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BROADCAST, UptdFunctionRecorded } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { openCaseAndVictim } from '../functions/case-victim.js';
import { assertNotAfterToday } from '../functions/not-after-today.js';
import { UptdFunctionRepository, type AccompanimentRecord } from '../functions/uptd-function.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import type { RecordAccompanimentBody } from './record-accompaniment.dto.js';

/** Accompaniment (pendampingan), a function of the UPTD PPA: each recorded with the case and counted by reporting. */
@Injectable()
export class RecordAccompanimentService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly functions: UptdFunctionRepository,
  ) {}

  async record(tx: Transaction, caseId: string, body: RecordAccompanimentBody, staff: Principal): Promise<AccompanimentRecord> {
    const { caseFile, victim } = await openCaseAndVictim(tx, this.cases, caseId, body.victimId, 'accompaniment');
    assertNotAfterToday('accompaniedOn', body.accompaniedOn, await this.cases.now(tx), this.settings.timeZone);
    const accompaniment = await this.functions.insertAccompaniment(tx, {
      id: randomUUID(),
      caseId,
      victimId: victim.id,
      accompaniedOn: body.accompaniedOn,
      destination: body.destination,
      staff: body.staff,
      note: body.note ?? null,
      recordedBy: staff.staffId,
    });
    await tx.emit(UptdFunctionRecorded, {
      to: BROADCAST,
      payload: {
        recordId: randomUUID(),
        function: 'accompaniment',
        destination: accompaniment.destination,
        victimId: storedStatisticsId(this.settings.statisticsKey, 'victim', victim),
        month: accompaniment.accompaniedOn.slice(0, 7),
        district: caseFile.district,
      },
    });
    return accompaniment;
  }
}
