import { Injectable } from '@nestjs/common';
import type { RetentionSettings } from '@rujukan/platform';
import { DataKeys, purgeVictimMessages, type Transaction } from '@rujukan/messaging';
import { VictimErasureRepository } from '../erase-victim/victim-erasure.repository.js';

const DAY_MS = 86_400_000;

/**
 * A service node's data lifetimes (design.md section 9): the person of a
 * declined or revoked referral is forgotten after a short grace period (the
 * agency keeps that it declined, and why in codes, not whom); a victim whose
 * every referral here has ended is erased once the agency's retention after
 * that has passed, as her erasure on request would, unless a legal hold keeps her.
 */
@Injectable()
export class EraseAfterRetentionService {
  constructor(
    private readonly erasure: VictimErasureRepository,
    private readonly keys: DataKeys,
  ) {}

  /** Forgets declined and revoked referrals' persons past the grace; returns how many referrals. */
  async forgetEnded(tx: Transaction, settings: RetentionSettings, now: Date): Promise<number> {
    const ended = await this.erasure.endedPastGrace(tx, new Date(now.getTime() - settings.declinedGraceDays * DAY_MS));
    for (const { referralId, victimId } of ended) {
      await this.erasure.forgetPerson(tx, referralId);
      // Her key goes with the last referral that held her here; until then the others still need it.
      if (victimId && !(await this.erasure.stillHeld(tx, victimId))) {
        await purgeVictimMessages(tx.manager, victimId);
        await this.keys.destroy(tx.manager, victimId);
      }
    }
    return ended.length;
  }

  /** Erases the victims whose referrals here all ended longer ago than the retention; returns how many victims. */
  async eraseClosed(tx: Transaction, settings: RetentionSettings, now: Date): Promise<number> {
    const before = new Date(now.getTime() - settings.caseRetentionYears * 365.25 * DAY_MS);
    const victims = await this.erasure.closedPastRetention(tx, before);
    for (const victimId of victims) {
      await this.erasure.erase(tx, victimId);
    }
    return victims.length;
  }
}
