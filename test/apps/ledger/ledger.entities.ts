import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralState } from '@rujukan/contracts';

@Entity({ name: 'received_note' })
export class ReceivedNote {
  @PrimaryColumn({ name: 'note_id', type: 'uuid' })
  noteId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'from_agency', type: 'text' })
  fromAgency: string;

  @Column({ type: 'text' })
  text: string;

  /** Which delivery applied it: proves earlier failed attempts left nothing. */
  @Column({ name: 'delivery_count', type: 'int' })
  deliveryCount: number;
}

@Entity({ name: 'item' })
export class Item {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ type: 'text' })
  state: ReferralState;
}
