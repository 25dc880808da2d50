import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgencyCard } from '@rujukan/messaging';

/** Intake's copy of an agency's latest directory card: choosing an agency works while the bus is down. */
@Entity({ name: 'agency_card' })
export class AgencyCardCopy {
  @PrimaryColumn({ name: 'agency_id', type: 'text' })
  agencyId: string;

  @Column({ type: 'jsonb' })
  card: AgencyCard;

  @Column({ name: 'announced_at', type: 'timestamptz' })
  announcedAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
