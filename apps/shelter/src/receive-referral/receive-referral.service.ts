import { Injectable } from '@nestjs/common';
import type { EventEnvelope, ReferralRequestedV1 } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ReceiveReferralService, ReferralInboxService } from '@rujukan/service-node';
import { chooseRoom } from '../facilities/placement.js';
import { RoomsQuery } from '../queries/rooms.query.js';

export const NO_CAPACITY = 'no capacity';

@Injectable()
export class ReceiveShelterReferralService {
  constructor(
    private readonly receiving: ReceiveReferralService,
    private readonly inbox: ReferralInboxService,
    private readonly rooms: RoomsQuery,
  ) {}

  /**
   * Keeps the referral as every service node does; then a new one that no
   * room could take (by sex, and children apart from adults) is declined at
   * once with the code no-capacity (and the note "no capacity"), so intake can ask another shelter while she is
   * still waiting. While the agency has registered no rooms, capacity is
   * unknown and staff decide.
   */
  async receive(tx: Transaction, event: EventEnvelope<ReferralRequestedV1>): Promise<void> {
    const referral = await this.receiving.receive(tx, event);
    if (!referral || referral.service !== 'shelter') return;
    const rooms = await this.rooms.rooms(tx.manager, true);
    if (!rooms.length || chooseRoom(referral.person, rooms)) return;
    await this.inbox.decline(tx, referral.referralId, { code: 'no-capacity', reason: NO_CAPACITY }, null);
  }
}
