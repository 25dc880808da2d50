import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  AgeBand,
  CaseKind,
  ComplaintChannel,
  IncidentPlace,
  PerpetratorRelation,
  ReferralState,
  ServiceType,
  Sex,
  ViolenceType,
} from '@rujukan/contracts';

/**
 * De-identified projections, built only from broadcast events. There is no
 * column for a name, birth date, address, ID number or narrative.
 */
@Entity({ name: 'case_fact' })
export class CaseFact {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'source_agency', type: 'text' })
  sourceAgency: string;

  @Column({ type: 'text' })
  kind: CaseKind;

  @Column({ type: 'text' })
  channel: ComplaintChannel;

  /** Month reported (registered), YYYY-MM. */
  @Column({ type: 'text' })
  month: string;

  /** Month of the incident, where known. */
  @Column({ name: 'incident_month', type: 'text', nullable: true })
  incidentMonth: string | null;

  @Column({ type: 'text' })
  district: string;

  @Column({ name: 'violence_types', type: 'text', array: true })
  violenceTypes: ViolenceType[];

  @Column({ type: 'text' })
  place: IncidentPlace;

  @Column({ name: 'perpetrator_relation', type: 'text', nullable: true })
  perpetratorRelation: PerpetratorRelation | null;
}

@Entity({ name: 'victim_fact' })
export class VictimFact {
  /** A victim reported twice is counted once. */
  @PrimaryColumn({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  sex: Sex;

  @Column({ name: 'age_band', type: 'text' })
  ageBand: AgeBand;

  @Column({ type: 'boolean' })
  child: boolean;

  /** Her age group and childhood on the day of the incident, where known (the tables use these first). */
  @Column({ name: 'age_band_at_incident', type: 'text', nullable: true })
  ageBandAtIncident: AgeBand | null;

  @Column({ name: 'child_at_incident', type: 'boolean', nullable: true })
  childAtIncident: boolean | null;

  @Column({ type: 'text' })
  district: string;

  @Column({ type: 'text', nullable: true })
  education: string | null;

  /** Her consent to statistics; the counting policy decides whether it matters. */
  @Column({ type: 'boolean', default: true })
  consented: boolean;

  /** Intake's sequence of the registration her attributes come from (null: an older producer's). */
  @Column({ name: 'registered_sequence', type: 'bigint', nullable: true })
  registeredSequence: string | null;
}

@Entity({ name: 'referral_fact' })
export class ReferralFact {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ type: 'text' })
  service: ServiceType;

  @Column({ type: 'text' })
  status: ReferralState;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;
}
