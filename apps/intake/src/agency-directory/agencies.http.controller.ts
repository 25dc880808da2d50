import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LABELS_ID, SERVICE_PROVIDERS, SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow } from '@rujukan/auth';
import { MESSAGING_CONFIG, UnitOfWork, type MessagingConfig } from '@rujukan/messaging';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { AgencyCardCopy } from './agency-card-copy.entity.js';

export class AgenciesQuery {
  @IsOptional()
  @IsIn(SERVICE_TYPES)
  service?: ServiceType;

  /** District (kabupaten/kota), case and spacing ignored. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The agencies a case worker can refer to: the registry says who is in the
 * network; each agency's latest card (kept here, so this works while the bus
 * is down) says its district, contact hours, free places and whether it is
 * reachable. Reachable, with free places, first.
 */
@Controller('agencies')
export class AgenciesHttpController {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    @Inject(MESSAGING_CONFIG) private readonly messaging: MessagingConfig,
    private readonly uow: UnitOfWork,
  ) {}

  @Allow(['case-worker', 'supervisor', 'agency-admin'], { resource: 'agency-directory', action: 'read' })
  @Get()
  list(@Query() query: AgenciesQuery) {
    return this.uow.run(async (tx) => {
      const cards = new Map((await tx.manager.getRepository(AgencyCardCopy).find()).map((c) => [c.agencyId, c]));
      const now = Date.now();
      const rows = this.settings.directory.list().flatMap((a) => {
        const services = (Object.keys(SERVICE_PROVIDERS) as ServiceType[]).filter((s) => SERVICE_PROVIDERS[s] === a.node);
        if (query.service && !services.includes(query.service)) return [];
        const copy = cards.get(a.id);
        const card = copy?.card;
        const district = card?.district ?? a.district;
        if (query.district && (!district || norm(district) !== norm(query.district))) return [];
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
    });
  }
}
