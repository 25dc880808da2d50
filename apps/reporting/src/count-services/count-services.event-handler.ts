import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SERVICE_ACTIVITIES, SERVICE_PROVIDERS, ServiceRecorded, type EventEnvelope, type ServiceRecordedV1 } from '@rujukan/contracts';
import { EventContext, EventRejected, OnEvent } from '@rujukan/messaging';

@Controller()
export class CountServicesEventHandler {
  /** One row per recorded service; the indicator must be the one contracts assign to the activity. */
  @OnEvent(ServiceRecorded)
  async countWhenServiceRecorded(@Payload() event: EventEnvelope<ServiceRecordedV1>, @Ctx() ctx: EventContext): Promise<void> {
    const p = event.payload;
    if (!event.caseId) throw new EventRejected('a service record names its (pseudonymous) case');
    if ((SERVICE_ACTIVITIES[p.activity] ?? undefined) !== p.indicator) {
      throw new EventRejected(
        `activity ${p.activity} counts for ${SERVICE_ACTIVITIES[p.activity] ?? 'no indicator'}, not ${p.indicator ?? 'none'}`,
      );
    }
    if (SERVICE_PROVIDERS[p.service] !== event.source.node)
      throw new EventRejected(`a ${event.source.node} node does not give ${p.service}`);
    if (p.agencyId !== event.source.agency) throw new EventRejected('an agency records only its own services');
    await ctx.tx.manager.query(
      `INSERT INTO service_fact (record_id, case_id, victim_id, referral_id, service, activity, indicator, outcome, month, agency_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (record_id) DO NOTHING`,
      [
        p.recordId,
        event.caseId,
        p.victimId,
        p.referralId ?? null,
        p.service,
        p.activity,
        p.indicator ?? null,
        p.outcome ?? null,
        p.month,
        p.agencyId,
      ],
    );
  }
}
