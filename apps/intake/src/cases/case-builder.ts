import { Inject, Injectable } from '@nestjs/common';
import type {
  CaseKind,
  ComplaintChannel,
  ConsentForm,
  ConsentPurpose,
  HandedOverIncident,
  HandedOverPerpetrator,
  HandedOverStage,
  RiskLevel,
  ServiceType,
} from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ConsentRepository } from '../consent/consent.repository.js';
import { DuplicateFlagger, type FlaggedDuplicate } from '../duplicates/flag-duplicates.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { firstResponseDue } from '../triage/triage-deadlines.js';
import type { CaseFile } from './case.entity.js';
import { CaseRepository } from './case.repository.js';
import type { Perpetrator } from './perpetrator.entity.js';
import { perpetratorRow } from './perpetrator.js';
import { StatisticsRepository } from './statistics.repository.js';
import type { TraffickingStage } from './trafficking-stage.entity.js';
import type { Victim } from './victim.entity.js';

/** A victim as a case opens with her: identity, pseudonym and the consents on record. */
export interface VictimOpening {
  id: string;
  statisticsId: string;
  name: string;
  sex: Victim['sex'];
  birthDate?: string;
  ageYears: number;
  district: string;
  address?: string;
  idNumber?: string;
  education?: Victim['education'];
  occupation?: Victim['occupation'];
  disabilities?: Victim['disabilities'];
  safetyNotes?: string;
  consents: Array<{ purpose: ConsentPurpose; service?: ServiceType; givenAs: ConsentForm; recordedBy: string; recordedAt?: Date }>;
  /** A hand-over's last statistics sequence for her: hers continue above it. */
  statisticsSequence?: number;
  /** A hand-over's sender's id for her: its erasure request names her by it. */
  handedOverAs?: string;
}

/** Everything a case opens with, from a registration or an accepted hand-over. */
export interface CaseOpening {
  id: string;
  /** The opening's time: the register's year and the first-response clock run from it. */
  now: Date;
  ownerId: string;
  statisticsId: string;
  kind: CaseKind;
  channel: ComplaintChannel;
  riskLevel: RiskLevel;
  district: string;
  incident: HandedOverIncident;
  reporter?: { relation: string; anonymous: boolean; name?: string; phone?: string };
  /** The intake agency that handed the case over, if it came that way. */
  handedOverFrom?: string;
  victims: VictimOpening[];
  perpetrators: HandedOverPerpetrator[];
  traffickingStages: HandedOverStage[];
  /**
   * How a victim this unit already knows is counted: `earlier`, under the
   * earlier report's pseudonym when the match is strong (a registration);
   * `carried`, under the one she came with (a hand-over).
   */
  pseudonymOfKnownVictim: 'earlier' | 'carried';
}

/** The case as it was opened, with what the case view shows of it. */
export interface OpenedCase {
  caseFile: CaseFile;
  victims: Victim[];
  perpetrators: Perpetrator[];
  stages: TraffickingStage[];
  duplicates: Map<string, FlaggedDuplicate[]>;
}

/** Opens a case: the one way a registration and an accepted hand-over write a case, its victims and what comes with them. */
@Injectable()
export class CaseBuilder {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly consents: ConsentRepository,
    private readonly statistics: StatisticsRepository,
    private readonly duplicateFlags: DuplicateFlagger,
  ) {}

  async open(tx: Transaction, o: CaseOpening): Promise<OpenedCase> {
    const caseFile = await this.cases.insert(tx, {
      id: o.id,
      // Numbered last (below): the register's counter row is locked from then until the commit, so concurrent
      // registrations wait for each other only that long, not through the duplicate lookups.
      caseNumber: `pending-${o.id}`,
      kind: o.kind,
      channel: o.channel,
      riskLevel: o.riskLevel,
      district: o.district,
      violenceTypes: o.incident.violenceTypes,
      incidentPlace: o.incident.place,
      incidentDate: o.incident.date ?? null,
      perpetratorRelation: o.incident.perpetratorRelation ?? null,
      incidentNarrative: o.incident.narrative ?? null,
      registeredAt: o.now,
      ownerId: o.ownerId,
      statisticsId: o.statisticsId,
      firstResponseDueAt: firstResponseDue(o.now, o.riskLevel, this.settings.triageDeadlines),
      reporterRelation: o.reporter?.relation ?? null,
      reporterAnonymous: o.reporter?.anonymous ?? false,
      reporterName: o.reporter?.name ?? null,
      reporterPhone: o.reporter?.phone ?? null,
      handedOverFrom: o.handedOverFrom,
    });
    const victims = o.victims.map((v) =>
      this.cases.createVictim(tx, {
        id: v.id,
        statisticsId: v.statisticsId,
        caseId: caseFile.id,
        name: v.name,
        sex: v.sex,
        birthDate: v.birthDate ?? null,
        ageYears: v.ageYears,
        district: v.district,
        address: v.address ?? null,
        idNumber: v.idNumber ?? null,
        education: v.education ?? null,
        occupation: v.occupation ?? null,
        disabilities: v.disabilities ?? null,
        safetyNotes: v.safetyNotes ?? null,
        handedOverAs: v.handedOverAs ?? null,
        consentServices: v.consents.some((c) => c.purpose === 'services'),
        consentStatistics: v.consents.some((c) => c.purpose === 'statistics'),
      }),
    );
    const duplicates = new Map<string, FlaggedDuplicate[]>();
    if (o.pseudonymOfKnownVictim === 'earlier') {
      // The same person reported before: flagged, and a strong match is counted under her earlier pseudonym.
      for (const v of victims) {
        const matches = await this.duplicateFlags.earlierReportsOf(tx, v);
        duplicates.set(v.id, matches);
        if (matches.length && !matches[0].weaker) v.statisticsId = matches[0].statisticsId;
      }
      await this.cases.insertVictims(tx, victims);
      for (const v of victims) await this.duplicateFlags.index(tx, v);
    } else {
      await this.cases.insertVictims(tx, victims);
      for (const v of victims) await this.duplicateFlags.index(tx, v);
      for (const v of o.victims) if (v.statisticsSequence) await this.statistics.continueSequence(tx, v.statisticsId, v.statisticsSequence);
      // Someone this unit already knows: flagged and linked; she stays counted under the pseudonym she came with.
      for (const v of victims) duplicates.set(v.id, await this.duplicateFlags.earlierReportsOf(tx, v));
    }
    for (const v of victims) await this.duplicateFlags.record(tx, v.id, duplicates.get(v.id)!);
    await this.consents.insertMany(
      tx,
      o.victims.flatMap((v, i) =>
        v.consents.map((c) => ({
          victimId: victims[i].id,
          purpose: c.purpose,
          service: c.service ?? null,
          givenAs: c.givenAs,
          recordedBy: c.recordedBy,
          ...(c.recordedAt ? { recordedAt: c.recordedAt } : {}),
        })),
      ),
    );
    const perpetrators = await this.cases.insertPerpetrators(
      tx,
      o.perpetrators.map((p) => perpetratorRow(caseFile.id, p)),
    );
    const stages = await this.cases.insertStages(
      tx,
      o.traffickingStages.map((s) => ({
        caseId: caseFile.id,
        stage: s.stage,
        place: s.place,
        country: s.country ?? null,
        occurredOn: s.date ?? null,
        exploitationType: s.exploitationType ?? null,
        notes: s.notes ?? null,
      })),
    );
    caseFile.caseNumber = await this.cases.number(tx, caseFile.id, o.now, this.settings.timeZone);
    return { caseFile, victims, perpetrators, stages, duplicates };
  }
}
