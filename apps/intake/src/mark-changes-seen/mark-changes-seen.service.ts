import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { fieldErrorsException } from '@rujukan/platform';
import type { Transaction } from '@rujukan/messaging';
import { StaffLookRepository } from '../my-changes/staff-look.repository.js';
import type { ChangesSeenView, MarkChangesSeenBody } from './mark-changes-seen.dto.js';

/** A minute's grace for a device whose clock runs ahead of the node's. */
const CLOCK_GRACE_MS = 60_000;

/** She has seen what changed up to `upTo`; her last look moves forward, never back. */
@Injectable()
export class MarkChangesSeenService {
  constructor(private readonly looks: StaffLookRepository) {}

  async seen(tx: Transaction, body: MarkChangesSeenBody, staff: Principal): Promise<ChangesSeenView> {
    const upTo = new Date(body.upTo);
    const rows: Array<{ now: Date }> = await tx.manager.query(`SELECT now() AS now`);
    if (upTo.getTime() > new Date(rows[0].now).getTime() + CLOCK_GRACE_MS) {
      throw fieldErrorsException({ upTo: ['upTo must not be in the future'] });
    }
    return { lookedAt: (await this.looks.lookedUpTo(tx, staff.staffId, upTo)).toISOString() };
  }
}
