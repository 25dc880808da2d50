import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErasureOfHandOverRequested, ErasureRequested } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { ErasureRepository, type ErasureStatus } from '../erasure/erasure.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

/**
 * A victim's erasure on request (UU 27/2022; design.md section 9): intake
 * erases its own data about her at once (destroys her data key, blanks her
 * columns, drops her blind indexes, purges her outbox bodies and dead letters)
 * and asks every agency it referred her to; they forward it onward and answer.
 */
@Injectable()
export class EraseVictimService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly erasures: ErasureRepository,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  async request(tx: Transaction, victimId: string, staff: Principal): Promise<ErasureStatus> {
    const victim = await this.cases.lockVictim(tx, victimId);
    if (!victim) throw new NotFoundException('no such victim');
    if (await this.erasures.find(tx, victimId))
      throw new ConflictException('her erasure was already requested: see GET /victims/:id/erasure');
    const erasureId = randomUUID();
    const recipients = await this.erasures.recipientsOf(tx, victimId);
    const handedOverTo = await this.erasures.handOverRecipientsOf(tx, victimId);
    await this.erasures.insert(tx, erasureId, victimId, staff.staffId);
    await this.erasures.eraseHere(tx, victimId);
    await this.erasures.answer(tx, erasureId, this.settings.agencyId, 'erased', null);
    for (const to of recipients) {
      await this.erasures.expect(tx, erasureId, to, null);
      await tx.emit(ErasureRequested, {
        to,
        caseId: victim.caseId,
        victimId,
        payload: { erasureId, answerTo: this.settings.agencyId, actor: { staffId: staff.staffId, role: staff.role } },
      });
    }
    // The intake agencies her case was handed over to: each erases the victim it took over and asks its own agencies.
    for (const to of handedOverTo) {
      await this.erasures.expect(tx, erasureId, to, null);
      await tx.emit(ErasureOfHandOverRequested, {
        to,
        caseId: victim.caseId,
        victimId,
        payload: { erasureId, answerTo: this.settings.agencyId, actor: { staffId: staff.staffId, role: staff.role } },
      });
    }
    return (await this.erasures.find(tx, victimId))!;
  }

  async status(tx: Transaction, victimId: string): Promise<ErasureStatus> {
    const found = await this.erasures.find(tx, victimId);
    if (!found) throw new NotFoundException('no erasure was requested for this victim');
    return found;
  }
}
