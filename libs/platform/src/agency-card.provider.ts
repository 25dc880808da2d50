import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { SERVICE_PROVIDERS, type ServiceType } from '@rujukan/contracts';
import { DirectoryAnnouncer, type AgencyEntry } from '@rujukan/messaging';
import { AgencyDirectory } from './agency-directory.js';
import type { NodeConfig } from './node-config.js';

export const NODE_CONFIG = Symbol('NODE_CONFIG');

/** Gives the announcer this node's card: the registry's public facts about the agency, and the services of its role. */
@Injectable()
export class AgencyCardProvider implements OnModuleInit {
  private readonly logger = new Logger(AgencyCardProvider.name);

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly announcer: DirectoryAnnouncer,
  ) {}

  onModuleInit(): void {
    const { agency, node } = this.config.messaging;
    let entry: AgencyEntry | undefined;
    try {
      entry = AgencyDirectory.fromFile(this.config.directoryPath).find(agency);
    } catch (err) {
      this.logger.warn(
        `agency directory ${this.config.directoryPath} unreadable (${err instanceof Error ? err.message : String(err)}); announcing the id only`,
      );
    }
    const services = (Object.keys(SERVICE_PROVIDERS) as ServiceType[]).filter((s) => SERVICE_PROVIDERS[s] === node);
    const card = {
      id: agency,
      name: entry?.name ?? agency,
      node,
      services,
      ...(entry?.district ? { district: entry.district } : {}),
      ...(entry?.contactHours ? { contactHours: entry.contactHours } : {}),
    };
    this.announcer.useCard(async () => card);
  }
}
