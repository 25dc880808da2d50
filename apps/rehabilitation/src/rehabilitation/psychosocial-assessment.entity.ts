import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const HARM_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type HarmRiskLevel = (typeof HARM_RISK_LEVELS)[number];

/** What the assessment found the victim struggles with; kept here, never sent. */
export const PSYCHOSOCIAL_CONCERNS = [
  'trauma-symptoms',
  'depression',
  'anxiety',
  'self-harm',
  'substance-use',
  'family-conflict',
  'stigma',
  'isolation',
  'livelihood',
  'other',
] as const;
export type PsychosocialConcern = (typeof PSYCHOSOCIAL_CONCERNS)[number];

/** The psychosocial assessment opening a social rehabilitation referral (one per referral). */
@Entity({ name: 'psychosocial_assessment' })
export class PsychosocialAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid', unique: true })
  referralId: string;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn: string;

  /** The psychologist or social worker who assessed (staff id, never a name). */
  @Column({ name: 'counsellor_id', type: 'text' })
  counsellorId: string;

  /** Risk of harm (to herself, or of being harmed again). */
  @Column({ name: 'risk_level', type: 'text' })
  riskLevel: HarmRiskLevel;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  concerns: PsychosocialConcern[];

  /** The counsellor's findings: kept in this node only. */
  @Column({ type: 'text' })
  findings: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
