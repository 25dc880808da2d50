import { Column, Entity } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';
import type { StateRanks } from '@rujukan/contracts';
import { VisumExchangeColumns, type VisumState } from '@rujukan/service-node';

/** An answer is final: issued and declined do not replace each other, and a late or repeated one changes nothing. */
export const VISUM_STATE_RANK: StateRanks<VisumState> = { requested: 0, issued: 1, declined: 1 };

/** A visum et repertum this agency asked a health agency for, and its answer. */
@Entity({ name: 'visum_request' })
export class VisumRequestOut extends VisumExchangeColumns {
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'health_agency_id', type: 'text' })
  healthAgencyId: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;
}

/** The hospital's note on a decline is sealed with the referral's data key; codes, numbers and dates stay in plain. */
export const SEALED_VISUM_REQUEST_OUT: SealedColumnsOf<VisumRequestOut> = {
  entity: VisumRequestOut,
  subject: 'referralId',
  text: ['declineNote'],
};
