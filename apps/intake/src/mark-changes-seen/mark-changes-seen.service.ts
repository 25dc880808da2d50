import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { fieldErrorsException } from '@rujukan/platform';
import type { Transaction } from '@rujukan/messaging';
import { StaffLookRepository } from '../my-changes/staff-look.repository.js';
import { MyChangesQuery } from '../queries/my-changes.query.js';
import type { ChangesSeenView, MarkChangesSeenBody } from './mark-changes-seen.dto.js';

/** A minute's grace for a device whose clock runs ahead of the node's. */
const CLOCK_GRACE_MS = 60_000;
/**
 * How far her last look stays behind what she saw: longer than any transaction that writes an inbox row,
 * so one stamped before the newest she saw but committed after her look is still listed.
 */
const SEEN_MARGIN_MS = 60_000;

/**
 * She has seen the changes she was shown, the newest at `upTo`: her last look moves forward (never back) to a
 * margin before it, and those she was shown inside the margin are kept as seen; anything else inside it (an
 * event stamped earlier but committed after her page read the list) stays listed.
 */
@Injectable()
export class MarkChangesSeenService {
  constructor(
    private readonly looks: StaffLookRepository,
    private readonly changes: MyChangesQuery,
  ) {}

  async seen(tx: Transaction, body: MarkChangesSeenBody, staff: Principal): Promise<ChangesSeenView> {
    const upTo = new Date(body.upTo);
    const now = await this.changes.now(tx);
    if (Number.isNaN(upTo.getTime())) throw fieldErrorsException({ upTo: ['upTo must be a date and time'] });
    if (upTo.getTime() > now.getTime() + CLOCK_GRACE_MS) throw fieldErrorsException({ upTo: ['upTo must not be in the future'] });
    const lookedAt = new Date(Math.min(upTo.getTime(), now.getTime()) - SEEN_MARGIN_MS);
    const shown = new Set(body.ids);
    const seen = (await this.changes.seenUpTo(tx, staff, lookedAt, upTo)).filter((m) => shown.has(m.eventId));
    return { lookedAt: (await this.looks.seen(tx, staff.staffId, lookedAt, seen)).toISOString() };
  }
}
