import { Column, Entity } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';
import { VisumExchangeColumns } from '@rujukan/service-node';

/** A legal-aid agency's (police) request for a visum et repertum, as this health agency holds it. */
@Entity({ name: 'visum_request' })
export class VisumRequest extends VisumExchangeColumns {
  @Column({ name: 'from_agency', type: 'text' })
  fromAgency: string;

  /** Intake's case and victim ids from the envelope: how the request finds this agency's referral. */
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** The health referral it was issued under (set on issue). */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'service_record_id', type: 'uuid', nullable: true })
  serviceRecordId: string | null;
}

/** A decline's note is sealed with her own data key (the request names her; it may wait for her referral); codes, numbers and dates stay in plain. */
export const SEALED_VISUM_REQUEST: SealedColumnsOf<VisumRequest> = { entity: VisumRequest, subject: 'victimId', text: ['declineNote'] };
