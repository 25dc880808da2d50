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
    const problem = this.relayedProblem(p);
    if (problem) throw new EventRejected(problem);
    await this.services.insert(tx, serviceFact(caseId, p));
  }

  async countService(tx: Transaction, caseId: string, source: EventSource, p: ServiceRecordedV1): Promise<void> {
    const problem = serviceProblem(source, p);
    if (problem) throw new EventRejected(problem);
    await this.services.insert(tx, serviceFact(caseId, p));
  }

  /** Why a service intake relayed is refused, or undefined. */
  relayedProblem(p: ServiceRecordedV1): string | undefined {
    const role = this.registry.roleOf(p.agencyId);
    if (role === undefined) return `agency ${p.agencyId} is not in the agency registry`;
    return serviceProblem({ agency: p.agencyId, node: role }, p);
  }

  /** Many services at once (a rebuild), none refused, no record twice: the same rows as `countService` for each. */
  async countServices(tx: Transaction, services: ReadonlyArray<{ caseId: string; payload: ServiceRecordedV1 }>): Promise<void> {
    await this.services.insertMany(
      tx,
      services.map((s) => serviceFact(s.caseId, s.payload)),
    );
  }
}

/** Why a service record from this source is refused (its indicator, node and agency must fit the activity), or undefined. */
export function serviceProblem(source: EventSource, p: ServiceRecordedV1): string | undefined {
  // The indicator must be the one contracts assign to the activity.
  if ((SERVICE_ACTIVITIES[p.activity] ?? undefined) !== p.indicator) {
    return `activity ${p.activity} counts for ${SERVICE_ACTIVITIES[p.activity] ?? 'no indicator'}, not ${p.indicator ?? 'none'}`;
  }
  if (SERVICE_PROVIDERS[p.service] !== source.node) return `a ${source.node} node does not give ${p.service}`;
  if (p.agencyId !== source.agency) return 'an agency records only its own services';
  return undefined;
}

function serviceFact(caseId: string, p: ServiceRecordedV1) {
  return {
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
  };
}
