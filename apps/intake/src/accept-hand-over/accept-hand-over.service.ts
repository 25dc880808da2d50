import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { CaseHandoverAccepted } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { CaseBuilder } from '../cases/case-builder.js';
import { HandOverRepository } from '../hand-over/hand-over.repository.js';
import { pendingHandOver } from '../hand-over/pending-hand-over.js';

@Injectable()
export class AcceptHandOverService {
  constructor(
    private readonly builder: CaseBuilder,
    private readonly handOvers: HandOverRepository,
  ) {}

  /** Receiver: takes the case over; it opens here, owned by `ownerId` (or the supervisor). */
  async accept(tx: Transaction, handoverId: string, staff: Principal, ownerId?: string): Promise<{ handoverId: string; caseId: string }> {
    const incoming = await pendingHandOver(tx, this.handOvers, handoverId);
    const r = incoming.request;
    const now = new Date();
    const { caseFile } = await this.builder.open(tx, {
      id: randomUUID(),
      // The unit taking over runs its own first-response clock from acceptance.
      now,
      ownerId: ownerId ?? staff.staffId,
      statisticsId: r.statisticsCaseId,
      kind: r.kind,
      channel: r.channel,
      riskLevel: r.riskLevel,
      district: r.district,
      incident: r.incident,
      reporter: r.reporter,
      handedOverFrom: incoming.fromAgency,
      victims: r.victims.map((v) => ({
        ...v,
        id: randomUUID(),
        handedOverAs: v.senderVictimId,
        consents: v.consents.map((c) => ({
          ...c,
          // Recorded by the sending unit; its staff ids mean nothing here.
          recordedBy: `handed-over:${incoming.fromAgency}`,
          recordedAt: new Date(c.recordedAt),
        })),
      })),
      perpetrators: r.perpetrators,
      traffickingStages: r.traffickingStages,
      pseudonymOfKnownVictim: 'carried',
    });
    await this.handOvers.updateIncoming(tx, handoverId, {
      state: 'accepted',
      answeredAt: now,
      answeredBy: staff.staffId,
      caseId: caseFile.id,
    });
    // No CaseRegistered broadcast: reporting counts the case from the sender's registration.
    await tx.emit(CaseHandoverAccepted, {
      to: incoming.fromAgency,
      caseId: incoming.senderCaseId,
      payload: { handoverId, actor: { staffId: staff.staffId, role: staff.role } },
    });
    return { handoverId, caseId: caseFile.id };
  }
}
