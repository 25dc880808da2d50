import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';

/** What the health agency records under a referral; each counts for the SPM health indicator. */
export const HEALTH_ACTIVITIES = [
  'health-visit',
  'medical-examination',
  'medical-treatment',
  'hospital-referral',
  'psychological-first-aid',
] as const;
export type HealthActivity = (typeof HEALTH_ACTIVITIES)[number];

/** Where she was seen. */
export const VISIT_SETTINGS = ['outpatient', 'emergency', 'inpatient', 'outreach'] as const;
/** What was examined (a forensic examination for a visum is requested separately). */
export const EXAMINATION_KINDS = [
  'general',
  'injury',
  'sexual-violence',
  'pregnancy',
  'sexually-transmitted-infection',
  'mental-health',
] as const;
/** What was given: wound care, medication, HIV post-exposure prophylaxis, emergency contraception, surgery, admission. */
export const TREATMENT_KINDS = [
  'wound-care',
  'medication',
  'post-exposure-prophylaxis',
  'emergency-contraception',
  'surgery',
  'inpatient-care',
  'other',
] as const;
/** Why she is sent up to a hospital. */
export const HOSPITAL_REFERRAL_REASONS = ['specialist-care', 'forensic-examination', 'inpatient-care', 'mental-health', 'other'] as const;

/** One visit, examination, treatment, hospital referral or psychological first aid, under a health referral. */
@Entity({ name: 'health_record' })
export class HealthRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ type: 'text' })
  activity: HealthActivity;

  /** The day it happened (YYYY-MM-DD). */
  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  /** Setting, examination kind, treatment kind or referral reason, from the lists above. */
  @Column({ type: 'text', nullable: true })
  kind: string | null;

  /** Hospital referral: the health agency she is sent to (from the directory). */
  @Column({ name: 'to_agency_id', type: 'text', nullable: true })
  toAgencyId: string | null;

  /** Clinical notes: stay at this agency, never in an event. */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  /** The id reporting counts it under; null when the victim did not consent to statistics. */
  @Column({ name: 'service_record_id', type: 'uuid', nullable: true })
  serviceRecordId: string | null;
}

/** The clinical notes are sealed with the referral's data key; activity, kind, day and agency stay in plain (the SPM counts them). */
export const SEALED_HEALTH_RECORD: SealedColumnsOf<HealthRecord> = { entity: HealthRecord, subject: 'referralId', text: ['notes'] };
