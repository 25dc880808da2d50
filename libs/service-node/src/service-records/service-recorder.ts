import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BROADCAST, monthIn, SERVICE_ACTIVITIES, ServiceRecorded, type ActivityOutcome, type ServiceActivity } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';
import { SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from './service-node.settings.js';

/**
 * Tells reporting, de-identified, that this agency gave a service under a
 * referral: the activity, the SPM indicator it counts for (from the one
 * table in contracts), the month in the node's zone, and intake's
 * pseudonymous ids, never the real ones. Whether she is counted is
 * reporting's counting policy (consent to statistics, or the law's duty). Written to the outbox in the
 * caller's transaction, with the record that it reports.
 */
@Injectable()
export class ServiceRecorder {
  constructor(@Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings) {}

  async record(
    tx: Transaction,
    referral: IncomingReferral,
    activity: ServiceActivity,
    options: { recordId?: string; outcome?: ActivityOutcome; at?: Date } = {},
  ): Promise<string | null> {
    // No pseudonyms: a referral from before intake sent them. Recorded here, not counted.
    if (!referral.statistics || !referral.service) return null;
    const recordId = options.recordId ?? randomUUID();
    const indicator = SERVICE_ACTIVITIES[activity];
    await tx.emit(ServiceRecorded, {
      to: BROADCAST,
      caseId: referral.statistics.caseId,
      payload: {
        recordId,
        referralId: referral.statistics.referralId,
        victimId: referral.statistics.victimId,
        service: referral.service,
        activity,
        indicator: indicator ?? undefined,
        outcome: options.outcome,
        month: monthIn(options.at ?? new Date(), this.settings.timeZone),
        agencyId: this.settings.agencyId,
      },
    });
    return recordId;
  }
}
