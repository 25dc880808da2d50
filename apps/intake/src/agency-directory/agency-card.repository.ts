import { Injectable } from '@nestjs/common';
import type { AgencyCard } from '@rujukan/messaging';
import type { Transaction } from '@rujukan/messaging';
import { AgencyCardCopy } from './agency-card-copy.entity.js';

/** Intake's copies of the agencies' directory cards. */
@Injectable()
export class AgencyCardRepository {
  /** Keeps the card unless a newer one is kept already. */
  async keep(tx: Transaction, agencyId: string, card: AgencyCard, announcedAt: Date): Promise<void> {
    await tx.manager.query(
      `INSERT INTO agency_card (agency_id, card, announced_at, received_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (agency_id) DO UPDATE SET card = EXCLUDED.card, announced_at = EXCLUDED.announced_at, received_at = now()
       WHERE agency_card.announced_at <= EXCLUDED.announced_at`,
      [agencyId, JSON.stringify(card), announcedAt],
    );
  }

  all(tx: Transaction): Promise<AgencyCardCopy[]> {
    return tx.manager.getRepository(AgencyCardCopy).find();
  }
}
