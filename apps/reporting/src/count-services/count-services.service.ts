import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ACTIVITIES, SERVICE_PROVIDERS, type EventSource, type ServiceRecordedV1 } from '@rujukan/contracts';
import { AGENCY_REGISTRY, EventRejected, type AgencyRegistry, type Transaction } from '@rujukan/messaging';
import { ServiceFactsRepository } from '../repositories/service-facts.repository.js';

/** One row per recorded service, refused unless its indicator, node and agency fit the activity. */
@Injectable()
export class CountServicesService {
  constructor(
    private readonly services: ServiceFactsRepository,
    @Inject(AGENCY_REGISTRY) private readonly registry: AgencyRegistry,
  ) {}

  /** A service intake broadcast for the agency that gave it (service.recorded v2): that agency's role from the registry. */
  async countRelayedService(tx: Transaction, caseId: string, p: ServiceRecordedV1): Promise<void> {
    const role = this.registry.roleOf(p.agencyId);
    if (role === undefined) throw new EventRejected(`agency ${p.agencyId} is not in the agency registry`);
    await this.countService(tx, caseId, { agency: p.agencyId, node: role }, p);
  }

  async countService(tx: Transaction, caseId: string, source: EventSource, p: ServiceRecordedV1): Promise<void> {
    // The indicator must be the one contracts assign to the activity.
    if ((SERVICE_ACTIVITIES[p.activity] ?? undefined) !== p.indicator) {
      throw new EventRejected(
        `activity ${p.activity} counts for ${SERVICE_ACTIVITIES[p.activity] ?? 'no indicator'}, not ${p.indicator ?? 'none'}`,
      );
    }
    if (SERVICE_PROVIDERS[p.service] !== source.node) throw new EventRejected(`a ${source.node} node does not give ${p.service}`);
    if (p.agencyId !== source.agency) throw new EventRejected('an agency records only its own services');
    await this.services.insert(tx, {
      recordId: p.recordId,
      caseId,
      victimId: p.victimId,
      referralId: p.referralId ?? null,
      service: p.service,
      activity: p.activity,
      indicator: p.indicator ?? null,
      outcome: p.outcome ?? null,
      month: p.month,
      agencyId: p.agencyId,
    });
  }
}
