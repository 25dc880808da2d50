import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { CaseHandoverDeclined } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { HandOverRepository } from '../hand-over/hand-over.repository.js';
import { pendingHandOver } from '../hand-over/pending-hand-over.js';

@Injectable()
export class DeclineHandOverService {
  constructor(private readonly handOvers: HandOverRepository) {}

  /** Receiver: refuses the case, with a reason; the sender keeps it. */
  async decline(tx: Transaction, handoverId: string, reason: string, staff: Principal): Promise<{ handoverId: string; state: 'declined' }> {
    const incoming = await pendingHandOver(tx, this.handOvers, handoverId);
    await this.handOvers.updateIncoming(tx, handoverId, {
      state: 'declined',
      answeredAt: new Date(),
      answeredBy: staff.staffId,
      declineReason: reason,
    });
    await tx.emit(CaseHandoverDeclined, {
      to: incoming.fromAgency,
      caseId: incoming.senderCaseId,
      payload: { handoverId, reason, actor: { staffId: staff.staffId, role: staff.role } },
    });
    return { handoverId, state: 'declined' };
  }
}
