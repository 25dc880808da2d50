import { randomUUID } from 'node:crypto';
import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { BROADCAST, UptdFunctionRecorded } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { openCaseAndVictim } from '../functions/case-victim.js';
import { assertNotAfterToday } from '../functions/not-after-today.js';
import { UptdFunctionRepository, type MediationSession } from '../functions/uptd-function.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import type { RecordMediationBody } from './record-mediation.dto.js';

/** Why a sexual violence case is never mediated: the answer a case worker gets. */
export const NO_MEDIATION_IN_SEXUAL_VIOLENCE =
  'a sexual violence case may not be settled by mediation: UU 12/2022 on sexual violence crimes (TPKS), article 23, ' +
  'excludes settlement outside the criminal process; refer her to legal aid and the police Unit PPA instead';

/** Mediation, a function of the UPTD PPA: each session recorded with the case and counted by reporting. */
@Injectable()
export class RecordMediationService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly functions: UptdFunctionRepository,
  ) {}

  async record(tx: Transaction, caseId: string, body: RecordMediationBody, staff: Principal): Promise<MediationSession> {
    const { caseFile, victim } = await openCaseAndVictim(tx, this.cases, caseId, body.victimId, 'mediation');
    if (caseFile.violenceTypes.includes('sexual')) throw new UnprocessableEntityException(NO_MEDIATION_IN_SEXUAL_VIOLENCE);
    assertNotAfterToday('heldOn', body.heldOn, await this.cases.now(tx), this.settings.timeZone);
    const session = await this.functions.insertMediation(tx, {
      id: randomUUID(),
      caseId,
      victimId: victim.id,
      heldOn: body.heldOn,
      parties: body.parties,
      outcome: body.outcome,
      agreement: body.agreement ?? null,
      recordedBy: staff.staffId,
    });
    await tx.emit(UptdFunctionRecorded, {
      to: BROADCAST,
      payload: {
        recordId: randomUUID(),
        function: 'mediation',
        outcome: session.outcome,
        victimId: storedStatisticsId(this.settings.statisticsKey, 'victim', victim),
        month: session.heldOn.slice(0, 7),
        district: caseFile.district,
      },
    });
    return session;
  }
}
