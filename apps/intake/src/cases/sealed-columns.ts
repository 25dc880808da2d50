import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataKeys, SealedColumns, type SealedColumnsOf } from '@rujukan/messaging';
import { Assessment } from '../assessment/assessment.entities.js';
import { IncomingHandover, OutgoingHandover } from '../hand-over/hand-over.entities.js';
import { CaseReport } from './case-report.entity.js';
import { CaseFile } from './case.entity.js';
import { Perpetrator } from './perpetrator.entity.js';
import { Referral } from './referral.entity.js';
import { TraffickingStage } from './trafficking-stage.entity.js';
import { Victim } from './victim.entity.js';

/**
 * What identifies her at intake, encrypted with her data key (design.md
 * section 9): name, birth date, address, NIK and safety notes. What reporting
 * counts (sex, age, district, education, occupation, disabilities) stays in plain.
 */
export const SEALED_VICTIM: SealedColumnsOf<Victim> = {
  entity: Victim,
  subject: 'id',
  text: ['name', 'birthDate', 'address', 'idNumber', 'safetyNotes'],
};

/**
 * A referral's words about her (the request's notes, the answer's or
 * revocation's reason) and, for one outside the network, the agency she was
 * sent to (a school or a religious leader can point at her): her data key too.
 */
export const SEALED_REFERRAL: SealedColumnsOf<Referral> = {
  entity: Referral,
  subject: 'victimId',
  text: ['requestNotes', 'consentOverrideReason', 'outcomeNote', 'externalAgencyName', 'externalAgencyAddress'],
};

/**
 * The case's own words about the people in it, sealed with the case's data key
 * (its id is the subject: several victims share a narrative): the incident
 * narrative, who reported it and how to reach them, the closure's notes. The
 * retention after closure destroys the case's key with the victims'.
 */
export const SEALED_CASE: SealedColumnsOf<CaseFile> = {
  entity: CaseFile,
  subject: 'id',
  text: ['incidentNarrative', 'reporterName', 'reporterPhone', 'closureNote', 'closureOverrideReason'],
};

/** A reopening's copy of the closure it undid, and its reason (case_reopening, raw SQL): sealed with the case's key under these fields. */
export const REOPENING_FIELDS = { closureNote: 'CaseReopening.closureNote', reason: 'CaseReopening.reason' } as const;

/** A perpetrator's name and a trafficking stage's notes: the case's key. */
export const SEALED_PERPETRATOR: SealedColumnsOf<Perpetrator> = { entity: Perpetrator, subject: 'caseId', text: ['name'] };
export const SEALED_STAGE: SealedColumnsOf<TraffickingStage> = { entity: TraffickingStage, subject: 'caseId', text: ['notes'] };

/** A further report about her (who reported, how to reach them, the note) and her needs assessment: her own key. */
export const SEALED_REPORT: SealedColumnsOf<CaseReport> = {
  entity: CaseReport,
  subject: 'victimId',
  text: ['reporterName', 'reporterPhone', 'note'],
};
export const SEALED_ASSESSMENT: SealedColumnsOf<Assessment> = {
  entity: Assessment,
  subject: 'victimId',
  text: ['biological', 'psychological', 'social', 'spiritual', 'needsInOwnWords', 'expectations'],
};

/**
 * A hand-over asked of this unit holds the whole case as sent (names, NIKs,
 * the narrative): sealed whole with the hand-over's own key (its id), which
 * her erasure and the retention destroy. A hand-over this unit asked for keeps
 * its reason and answer with the case's key.
 */
export const SEALED_HANDOVER_IN: SealedColumnsOf<IncomingHandover> = {
  entity: IncomingHandover,
  subject: 'id',
  text: ['declineReason'],
  json: ['request'],
};
export const SEALED_HANDOVER_OUT: SealedColumnsOf<OutgoingHandover> = {
  entity: OutgoingHandover,
  subject: 'caseId',
  text: ['reason', 'disclosureOverrideReason', 'declineReason'],
};

const SEALED = [
  SEALED_HANDOVER_IN,
  SEALED_HANDOVER_OUT,
  SEALED_VICTIM,
  SEALED_REFERRAL,
  SEALED_CASE,
  SEALED_PERPETRATOR,
  SEALED_STAGE,
  SEALED_REPORT,
  SEALED_ASSESSMENT,
];

/** Intake's sealed columns: opened as they load, sealed by the repositories, plain rows of before sealed at start. */
@Injectable()
export class IntakeSealedColumns extends SealedColumns implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DataKeys');

  constructor(
    keys: DataKeys,
    private readonly dataSource: DataSource,
  ) {
    super(keys, SEALED);
  }

  onModuleInit(): void {
    this.register(this.dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const spec of SEALED) {
      const sealed = await this.sealPlainRows(this.dataSource, spec);
      if (sealed) this.logger.log(`encrypted ${sealed} ${spec.entity.name} rows stored in plain with their victims' data keys`);
    }
  }
}
