import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';
import type { FamilyRelation, HandoverRecipient, JourneyState, TravelMode } from './journey-rules.js';

/** Bringing one victim home under a repatriation referral (one journey per referral). */
@Entity({ name: 'repatriation_journey' })
export class RepatriationJourney {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid', unique: true })
  referralId: string;

  @Column({ type: 'text' })
  state: JourneyState;

  /** ISO 3166 code where she comes from; ID when from another region of Indonesia. */
  @Column({ name: 'origin_country', type: 'text' })
  originCountry: string;

  @Column({ name: 'origin_place', type: 'text' })
  originPlace: string;

  /** Where she entered Indonesia (e.g. Pelabuhan Sri Bintan Pura, Tanjungpinang); required from abroad. */
  @Column({ name: 'port_of_entry', type: 'text', nullable: true })
  portOfEntry: string | null;

  /** The officer escorting her (staff id). */
  @Column({ name: 'escort_id', type: 'text' })
  escortId: string;

  /** Her origin district, where she is handed over. */
  @Column({ name: 'destination_district', type: 'text' })
  destinationDistrict: string;

  @Column({ name: 'planned_by', type: 'text' })
  plannedBy: string;

  @Column({ name: 'planned_at', type: 'timestamptz', default: () => 'now()' })
  plannedAt: Date;

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true })
  handedOverAt: Date | null;

  @Column({ name: 'handover_to', type: 'text', nullable: true })
  handoverTo: HandoverRecipient | null;

  /** The receiving agency (the origin district's UPTD PPA or Dinas Sosial), from the directory. */
  @Column({ name: 'handover_agency_id', type: 'text', nullable: true })
  handoverAgencyId: string | null;

  @Column({ name: 'handover_family_relation', type: 'text', nullable: true })
  handoverFamilyRelation: FamilyRelation | null;

  /** Who signed the hand-over record (name, position): kept here only. */
  @Column({ name: 'received_by', type: 'text', nullable: true })
  receivedBy: string | null;

  @Column({ name: 'handover_note', type: 'text', nullable: true })
  handoverNote: string | null;

  @Column({ name: 'handed_over_by', type: 'text', nullable: true })
  handedOverBy: string | null;
}

/** One leg of the journey (Johor Bahru -> Tanjungpinang by sea, Tanjungpinang -> Lombok by air ...). */
@Entity({ name: 'repatriation_leg' })
export class RepatriationLeg {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'journey_id', type: 'uuid' })
  journeyId: string;

  /** The journey's referral, whose data key seals the places. */
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  /** 1, 2, 3 ... in travel order. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'from_place', type: 'text' })
  fromPlace: string;

  @Column({ name: 'to_place', type: 'text' })
  toPlace: string;

  @Column({ type: 'text' })
  mode: TravelMode;

  @Column({ name: 'depart_on', type: 'date' })
  departOn: string;

  @Column({ name: 'arrive_on', type: 'date', nullable: true })
  arriveOn: string | null;
}

/**
 * Where she comes from and who received her, sealed with the referral's data
 * key: the place of origin, the port of entry, the person who received her
 * and the note. Country, destination district, escort, agency, the family relation (a code), states and
 * dates stay in plain (the node's figures and reporting use them).
 */
export const SEALED_JOURNEY: SealedColumnsOf<RepatriationJourney> = {
  entity: RepatriationJourney,
  subject: 'referralId',
  text: ['originPlace', 'portOfEntry', 'receivedBy', 'handoverNote'],
};
/** A leg's places retrace her route: sealed with the referral's data key; mode and dates stay in plain. */
export const SEALED_LEG: SealedColumnsOf<RepatriationLeg> = {
  entity: RepatriationLeg,
  subject: 'referralId',
  text: ['fromPlace', 'toPlace'],
};
