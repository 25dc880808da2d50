import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';
import { UnderReferral } from '../legal-support/legal-support.entities.js';
import type { LegalStage, VerdictOutcome } from './stage-order.js';

/** The criminal case as this agency follows it for one referred victim. */
@Entity({ name: 'legal_case' })
export class LegalCase {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  /** The police report's number (nomor laporan polisi, LP). */
  @Column({ name: 'police_report_number', type: 'text', nullable: true })
  policeReportNumber: string | null;

  @Column({ name: 'police_reported_on', type: 'date', nullable: true })
  policeReportedOn: string | null;

  @Column({ type: 'text', nullable: true })
  stage: LegalStage | null;

  @Column({ name: 'stage_on', type: 'date', nullable: true })
  stageOn: string | null;

  @Column({ name: 'verdict_outcome', type: 'text', nullable: true })
  verdictOutcome: VerdictOutcome | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** Each stage the case reached, once. */
@Entity({ name: 'legal_stage' })
export class LegalStageRecord extends UnderReferral {
  @Column({ type: 'text' })
  stage: LegalStage;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'text', nullable: true })
  outcome: VerdictOutcome | null;
}

/** The police report's number leads to her file at the police: sealed with the referral's data key; stage, verdict and dates stay in plain. */
export const SEALED_LEGAL_CASE: SealedColumnsOf<LegalCase> = { entity: LegalCase, subject: 'referralId', text: ['policeReportNumber'] };
