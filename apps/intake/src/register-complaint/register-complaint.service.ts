import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { fieldErrorsException } from '@rujukan/platform';
import { ageOn, BROADCAST, CaseRegistered, dayIn, monthIn } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import type { CaseFile } from '../cases/case.entity.js';
import { CaseBuilder } from '../cases/case-builder.js';
import { CaseRepository } from '../cases/case.repository.js';
import { countedVictim } from '../cases/counted-victim.js';
import { deidentifiedPerpetrator } from '../cases/perpetrator.js';
import { statisticsId } from '../cases/statistics-pseudonym.js';
import { StatisticsRepository } from '../cases/statistics.repository.js';
import { nikAgreement } from '../duplicates/nik.js';
import { AlertRepository } from '../triage/alert.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import type { RegisterComplaintBody } from './register-complaint.dto.js';

@Injectable()
export class RegisterComplaintService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly builder: CaseBuilder,
    private readonly cases: CaseRepository,
    private readonly statistics: StatisticsRepository,
    private readonly alerts: AlertRepository,
  ) {}

  /** Stores the case and its victims, and broadcasts the de-identified facts for statistics. */
  async register(tx: Transaction, body: RegisterComplaintBody, staff: Principal): Promise<CaseFile> {
    // The transaction's own time, which the alert and consent rows take by default: the timeline keeps their order.
    const now = await this.cases.now(tx);
    const badBirthDates = body.victims.flatMap((v, i) => {
      if (!v.birthDate) return [];
      const age = ageOn(v.birthDate, now);
      return age < 0 || age > 120 ? [[`victims.${i}.birthDate`, ['birthDate must be a past date giving an age of 0 to 120']]] : [];
    });
    const anonymousButNamed = body.reporter?.anonymous
      ? (['name', 'phone'] as const)
          .filter((f) => body.reporter![f] !== undefined)
          .map((f) => [`reporter.${f}`, [`${f} must be left out for an anonymous reporter`]])
      : [];
    const stagesOutsideTrafficking =
      body.traffickingStages?.length && body.kind !== 'trafficking' && !body.incident.violenceTypes.includes('trafficking')
        ? [['traffickingStages', ['traffickingStages are for trafficking cases (kind trafficking or violence type trafficking)']]]
        : [];
    // A NIK must be well formed and agree with the sex and birth date given (nik.ts).
    const badNiks = body.victims.flatMap((v, i) => {
      if (!v.idNumber) return [];
      const problems = nikAgreement(v.idNumber, { sex: v.sex, birthDate: v.birthDate });
      return problems.length ? [[`victims.${i}.idNumber`, problems]] : [];
    });
    // The incident's day (midnight UTC of the date given), for her age at the incident.
    const incidentDay = body.incident.date ? new Date(`${body.incident.date}T00:00:00Z`) : null;
    const futureIncident =
      body.incident.date && body.incident.date > dayIn(now, this.settings.timeZone)
        ? [['incident.date', ['incident.date must not be after the day the case is reported']]]
        : [];
    const bornAfterIncident = body.victims.flatMap((v, i) =>
      incidentDay && v.birthDate && !futureIncident.length && ageOn(v.birthDate, incidentDay) < 0
        ? [[`victims.${i}.birthDate`, ['birthDate must be before incident.date']]]
        : [],
    );
    const fieldErrors = [
      ...badBirthDates,
      ...badNiks,
      ...anonymousButNamed,
      ...stagesOutsideTrafficking,
      ...futureIncident,
      ...bornAfterIncident,
    ] as Array<[string, string[]]>;
    if (fieldErrors.length) {
      throw fieldErrorsException(Object.fromEntries(fieldErrors));
    }
    const caseId = randomUUID();
    const { caseFile, victims, perpetrators, stages, duplicates } = await this.builder.open(tx, {
      id: caseId,
      now,
      ownerId: staff.staffId,
      statisticsId: statisticsId(this.settings.statisticsKey, 'case', caseId),
      kind: body.kind,
      channel: body.channel,
      riskLevel: body.riskLevel,
      district: body.district,
      incident: body.incident,
      reporter: body.reporter,
      victims: body.victims.map((v) => {
        const victimId = randomUUID();
        const givenAs = v.consent.givenAs ?? 'verbal';
        return {
          ...v,
          id: victimId,
          statisticsId: statisticsId(this.settings.statisticsKey, 'victim', victimId),
          ageYears: v.birthDate ? ageOn(v.birthDate, now) : v.ageYears!,
          consents: [
            ...(v.consent.services ? [{ purpose: 'services' as const, givenAs, recordedBy: staff.staffId }] : []),
            ...(v.consent.statistics ? [{ purpose: 'statistics' as const, givenAs, recordedBy: staff.staffId }] : []),
          ],
        };
      }),
      perpetrators: body.perpetrators ?? [],
      traffickingStages: body.traffickingStages ?? [],
      pseudonymOfKnownVictim: 'earlier',
    });
    // High risk is served at once: supervisors see it the moment it is registered.
    if (body.riskLevel === 'high') await this.alerts.raise(tx, caseFile.id, 'high-risk-registered');

    // Her registration is a statement of her consent too: numbered in her sequence, so a later withdrawal outranks it.
    const sequences: number[] = [];
    for (const v of victims) sequences.push(await this.statistics.nextSequence(tx, v.statisticsId!));
    await tx.emit(CaseRegistered, {
      to: BROADCAST,
      caseId: caseFile.statisticsId!,
      payload: {
        kind: caseFile.kind,
        channel: caseFile.channel,
        month: monthIn(now, this.settings.timeZone),
        incidentMonth: body.incident.date?.slice(0, 7),
        district: caseFile.district,
        violenceTypes: caseFile.violenceTypes,
        place: caseFile.incidentPlace,
        perpetratorRelation: caseFile.perpetratorRelation ?? undefined,
        // Every victim, de-identified, with her consent: reporting's counting policy decides who is counted.
        victims: victims.map((v, i) => countedVictim(v, sequences[i], incidentDay)),
        perpetrators: perpetrators.map(deidentifiedPerpetrator),
      },
    });
    caseFile.victims = victims;
    caseFile.duplicates = [...duplicates].flatMap(([victimId, ms]) => ms.map((m) => ({ victimId, ...m })));
    caseFile.perpetrators = perpetrators;
    caseFile.traffickingStages = stages;
    caseFile.referrals = [];
    return caseFile;
  }
}
