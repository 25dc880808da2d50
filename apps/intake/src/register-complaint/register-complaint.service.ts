import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { fieldErrorsException } from '@rujukan/platform';
import { ageBand, ageOn, BROADCAST, CaseRegistered, monthIn } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseFile } from '../cases/case.entity.js';
import { Victim } from '../cases/victim.entity.js';
import { Perpetrator } from '../cases/perpetrator.entity.js';
import { TraffickingStage } from '../cases/trafficking-stage.entity.js';
import { ConsentRecord } from '../consent/consent-record.entity.js';
import { statisticsId } from '../cases/statistics-pseudonym.js';
import { nextStatisticsSequence } from '../cases/statistics-sequence.js';
import { nextCaseNumber } from '../cases/case-number.js';
import { earlierReportsOf, recordDuplicates, type FlaggedDuplicate } from '../duplicates/flag-duplicates.js';
import { nikAgreement } from '../duplicates/nik.js';
import { raiseAlert } from '../triage/raise-alert.js';
import { firstResponseDue } from '../triage/triage-deadlines.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import type { RegisterComplaintBody } from './register-complaint.dto.js';

@Injectable()
export class RegisterComplaintService {
  constructor(@Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings) {}

  /** Stores the case and its victims, and broadcasts the de-identified facts for statistics. */
  async register(tx: Transaction, body: RegisterComplaintBody, staff: Principal): Promise<CaseFile> {
    // The transaction's own time, which the alert and consent rows take by default: the timeline keeps their order.
    const [{ now }]: Array<{ now: Date }> = await tx.manager.query('SELECT now() AS now');
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
    const fieldErrors = [...badBirthDates, ...badNiks, ...anonymousButNamed, ...stagesOutsideTrafficking] as Array<[string, string[]]>;
    if (fieldErrors.length) {
      throw fieldErrorsException(Object.fromEntries(fieldErrors));
    }
    const caseId = randomUUID();
    const caseFile = tx.manager.getRepository(CaseFile).create({
      id: caseId,
      caseNumber: await nextCaseNumber(tx.manager, now, this.settings.timeZone),
      kind: body.kind,
      channel: body.channel,
      riskLevel: body.riskLevel,
      district: body.district,
      violenceTypes: body.incident.violenceTypes,
      incidentPlace: body.incident.place,
      incidentDate: body.incident.date ?? null,
      perpetratorRelation: body.incident.perpetratorRelation ?? null,
      incidentNarrative: body.incident.narrative ?? null,
      registeredAt: now,
      ownerId: staff.staffId,
      statisticsId: statisticsId(this.settings.statisticsKey, 'case', caseId),
      firstResponseDueAt: firstResponseDue(now, body.riskLevel, this.settings.triageDeadlines),
      reporterRelation: body.reporter?.relation ?? null,
      reporterAnonymous: body.reporter?.anonymous ?? false,
      reporterName: body.reporter?.name ?? null,
      reporterPhone: body.reporter?.phone ?? null,
    });
    await tx.manager.getRepository(CaseFile).insert(caseFile);
    const victims = body.victims.map((v) => {
      const victimId = randomUUID();
      return tx.manager.getRepository(Victim).create({
        id: victimId,
        statisticsId: statisticsId(this.settings.statisticsKey, 'victim', victimId),
        caseId: caseFile.id,
        name: v.name,
        sex: v.sex,
        birthDate: v.birthDate ?? null,
        ageYears: v.birthDate ? ageOn(v.birthDate, now) : v.ageYears!,
        district: v.district,
        address: v.address ?? null,
        idNumber: v.idNumber ?? null,
        education: v.education ?? null,
        safetyNotes: v.safetyNotes ?? null,
        consentServices: v.consent.services,
        consentStatistics: v.consent.statistics,
      });
    });
    // The same person reported before: flagged, and a strong match is counted under her earlier pseudonym.
    const duplicates = new Map<string, FlaggedDuplicate[]>();
    for (const v of victims) {
      const matches = await earlierReportsOf(tx.manager, this.settings.statisticsKey, v);
      duplicates.set(v.id, matches);
      if (matches.length && !matches[0].weaker) v.statisticsId = matches[0].statisticsId;
    }
    await tx.manager.getRepository(Victim).insert(victims);
    for (const v of victims) await recordDuplicates(tx.manager, v.id, duplicates.get(v.id)!);
    const consents = body.victims.flatMap((v, i) => [
      ...(v.consent.services
        ? [{ victimId: victims[i].id, purpose: 'services' as const, givenAs: v.consent.givenAs ?? 'verbal', recordedBy: staff.staffId }]
        : []),
      ...(v.consent.statistics
        ? [{ victimId: victims[i].id, purpose: 'statistics' as const, givenAs: v.consent.givenAs ?? 'verbal', recordedBy: staff.staffId }]
        : []),
    ]);
    if (consents.length) await tx.manager.getRepository(ConsentRecord).insert(consents);
    const perpetrators = (body.perpetrators ?? []).map((p) =>
      tx.manager
        .getRepository(Perpetrator)
        .create({ caseId: caseFile.id, name: p.name ?? null, sex: p.sex ?? null, ageYears: p.ageYears ?? null, relation: p.relation }),
    );
    if (perpetrators.length) await tx.manager.getRepository(Perpetrator).insert(perpetrators);
    const stages = (body.traffickingStages ?? []).map((st) =>
      tx.manager.getRepository(TraffickingStage).create({
        caseId: caseFile.id,
        stage: st.stage,
        place: st.place,
        country: st.country ?? null,
        occurredOn: st.date ?? null,
        exploitationType: st.exploitationType ?? null,
        notes: st.notes ?? null,
      }),
    );
    if (stages.length) await tx.manager.getRepository(TraffickingStage).insert(stages);
    // High risk is served at once: supervisors see it the moment it is registered.
    if (body.riskLevel === 'high') await raiseAlert(tx, caseFile.id, 'high-risk-registered');

    // Her registration is a statement of her consent too: numbered in her sequence, so a later withdrawal outranks it.
    const sequences: number[] = [];
    for (const v of victims) sequences.push(await nextStatisticsSequence(tx.manager, v.statisticsId!));
    await tx.emit(CaseRegistered, {
      to: BROADCAST,
      caseId: caseFile.statisticsId!,
      payload: {
        kind: caseFile.kind,
        channel: caseFile.channel,
        month: monthIn(now, this.settings.timeZone),
        district: caseFile.district,
        violenceTypes: caseFile.violenceTypes,
        place: caseFile.incidentPlace,
        perpetratorRelation: caseFile.perpetratorRelation ?? undefined,
        // Every victim, de-identified, with her consent: reporting's counting policy decides who is counted.
        victims: victims.map((v, i) => ({
          victimId: v.statisticsId!,
          sequence: sequences[i],
          sex: v.sex,
          ageBand: ageBand(v.ageYears),
          child: v.ageYears < 18,
          district: v.district,
          statisticsConsent: v.consentStatistics,
          education: v.education ?? undefined,
        })),
        perpetrators: perpetrators.map((p) => ({
          sex: p.sex ?? undefined,
          ageBand: p.ageYears === null ? undefined : ageBand(p.ageYears),
          child: p.ageYears !== null && p.ageYears < 18,
          relation: p.relation,
        })),
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
