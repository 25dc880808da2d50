import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';

/** Examinations and hearings a victim is accompanied to. */
export const ACCOMPANIMENT_KINDS = [
  'police-examination',
  'prosecutor-examination',
  'court-hearing',
  'medical-examination',
  'lpsk-assessment',
  'other',
] as const;
export type AccompanimentKind = (typeof ACCOMPANIMENT_KINDS)[number];

/** Where a restitution claim is filed: with the investigator, the prosecutor, the court, or through LPSK. */
export const RESTITUTION_FILED_WITH = ['investigator', 'prosecutor', 'court', 'lpsk'] as const;
export type RestitutionFiledWith = (typeof RESTITUTION_FILED_WITH)[number];

/** At which stage diversion was attempted (UU 11/2012: investigation, prosecution, trial). */
export const DIVERSION_LEVELS = ['investigation', 'prosecution', 'trial'] as const;
export type DiversionLevel = (typeof DIVERSION_LEVELS)[number];
export const DIVERSION_RESULTS = ['agreement', 'no-agreement'] as const;
export type DiversionResult = (typeof DIVERSION_RESULTS)[number];

/** What every record kept under a referral has: its id, its referral, who recorded it and when, and reporting's id. */
export abstract class UnderReferral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  /** The id reporting counts it under; null without consent to statistics. */
  @Column({ name: 'service_record_id', type: 'uuid', nullable: true })
  serviceRecordId: string | null;
}

/** Legal counsel assigned to the victim. The counsel's name stays here: never in an event. */
@Entity({ name: 'counsel_assignment' })
export class CounselAssignment extends UnderReferral {
  @Column({ name: 'counsel_name', type: 'text' })
  counselName: string;

  /** The legal aid office (LBH, Posbakum, P2TP2A's advocate). */
  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  @Column({ name: 'assigned_on', type: 'date' })
  assignedOn: string;
}

@Entity({ name: 'accompaniment' })
export class Accompaniment extends UnderReferral {
  @Column({ name: 'accompanied_on', type: 'date' })
  accompaniedOn: string;

  @Column({ type: 'text' })
  kind: AccompanimentKind;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@Entity({ name: 'restitution_claim' })
export class RestitutionClaim extends UnderReferral {
  @Column({ name: 'filed_on', type: 'date' })
  filedOn: string;

  @Column({ name: 'filed_with', type: 'text' })
  filedWith: RestitutionFiledWith;

  /**
   * Rupiah claimed (lost earnings, suffering, medical and legal costs). A
   * number in the API: the DTO caps it at 10^12, well within a safe integer,
   * so the bigint pg returns as a string is read back as a number.
   */
  @Column({
    name: 'amount_idr',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  amountIdr: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@Entity({ name: 'diversion' })
export class Diversion extends UnderReferral {
  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'text' })
  level: DiversionLevel;

  @Column({ type: 'text' })
  result: DiversionResult;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

/**
 * The notes about her are sealed with the referral's data key; kinds, levels,
 * results, amounts and dates stay in plain. Counsel's name and organisation
 * stay in plain too: they name the lawyer, a professional acting in public
 * proceedings, and say nothing of her beyond that the agency assigned counsel.
 */
export const SEALED_LEGAL_SUPPORT: ReadonlyArray<SealedColumnsOf<Accompaniment | RestitutionClaim | Diversion>> = [
  { entity: Accompaniment, subject: 'referralId', text: ['notes'] },
  { entity: RestitutionClaim, subject: 'referralId', text: ['notes'] },
  { entity: Diversion, subject: 'referralId', text: ['notes'] },
];
