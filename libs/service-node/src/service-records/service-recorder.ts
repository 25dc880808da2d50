import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { monthIn, SERVICE_ACTIVITIES, ServiceProvided, type ActivityOutcome, type ServiceActivity } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';
import { SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from './service-node.settings.js';

/**
 * Tells the intake agency that referred her that this agency gave a service
 * under the referral: the activity, the SPM indicator it counts for (from the
 * one table in contracts), the month in the node's zone, and the referral's
 * own id. This node holds no reporting pseudonym: intake maps the referral to
 * hers and broadcasts the fact de-identified (docs/reporting.md). Whether she
 * is counted is reporting's counting policy. Written to the outbox in the
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
    // A revocation that overtook its request: no service to count.
    if (!referral.service) return null;
    const recordId = options.recordId ?? randomUUID();
    const indicator = SERVICE_ACTIVITIES[activity];
    await tx.emit(ServiceProvided, {
      to: referral.fromAgency,
      caseId: referral.caseId ?? undefined,
      victimId: referral.victimId ?? undefined,
      payload: {
        recordId,
        referralId: referral.referralId,
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
