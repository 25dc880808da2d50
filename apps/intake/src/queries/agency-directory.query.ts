import { Inject, Injectable } from '@nestjs/common';
import { LABELS_ID, SERVICE_PROVIDERS, type ServiceType } from '@rujukan/contracts';
import { MESSAGING_CONFIG, type MessagingConfig, type Transaction } from '@rujukan/messaging';
import { AgencyCardRepository } from '../agency-directory/agency-card.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The agencies a case worker can refer to: the registry says who is in the
 * network; each agency's latest card (kept here, so this works while the bus
 * is down) says its district, contact hours, free places and whether it is
 * reachable. Reachable, with free places, first.
 */
@Injectable()
export class AgencyDirectoryQuery {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    @Inject(MESSAGING_CONFIG) private readonly messaging: MessagingConfig,
    private readonly cards: AgencyCardRepository,
  ) {}

  async list(tx: Transaction, filter: { service?: ServiceType; district?: string }) {
    const cards = new Map((await this.cards.all(tx)).map((c) => [c.agencyId, c]));
    const now = Date.now();
    const rows = this.settings.directory.list().flatMap((a) => {
      const services = (Object.keys(SERVICE_PROVIDERS) as ServiceType[]).filter((s) => SERVICE_PROVIDERS[s] === a.node);
      if (filter.service && !services.includes(filter.service)) return [];
      const copy = cards.get(a.id);
      const card = copy?.card;
      const district = card?.district ?? a.district;
      if (filter.district && (!district || norm(district) !== norm(filter.district))) return [];
      const reachable = !!copy && !card!.stoppedAt && now - copy.announcedAt.getTime() <= this.messaging.directoryStaleMs;
      return [
        {
          id: a.id,
          name: card?.name ?? a.name,
          node: a.node,
          district: district ?? null,
          contactHours: card?.contactHours ?? a.contactHours ?? null,
          services: services.map((s) => ({ code: s, label: LABELS_ID.service[s] })),
          capacity: card?.capacity ?? null,
          full: card?.capacity ? card.capacity.free <= 0 : false,
          reachable,
          lastSeenAt: copy ? copy.announcedAt.toISOString() : null,
        },
      ];
    });
    const rank = (r: { reachable: boolean; full: boolean }) => (r.reachable ? 0 : 2) + (r.full ? 1 : 0);
    return rows.sort((x, y) => rank(x) - rank(y) || x.name.localeCompare(y.name));
  }
}
