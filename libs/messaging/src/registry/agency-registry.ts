import { loadRegistry, type AgencyEntry } from '../provisioning/bus-registry.js';
import { loadSignedRegistry } from './signed-registry.js';

/**
 * The agencies of the network and their roles: what the transport resolves a
 * sender's role from before any handler runs. Read once at start; an agency
 * that is not in it can send nothing a node will apply.
 */
export class AgencyRegistry {
  private readonly byId: ReadonlyMap<string, AgencyEntry>;

  private constructor(agencies: readonly AgencyEntry[]) {
    this.byId = new Map(agencies.map((a) => [a.id, a]));
  }

  /** The registry of these agencies (tests, and a file already read and checked). */
  static of(agencies: readonly AgencyEntry[]): AgencyRegistry {
    return new AgencyRegistry(agencies);
  }

  /** Reads the agency list of a bus registry file (bus/agencies.json); throws when it is unreadable or invalid. */
  static fromDirectoryFile(path: string): AgencyRegistry {
    return new AgencyRegistry(loadRegistry(path).agencies);
  }

  /**
   * The registry a node runs with: the PPA office's signed file when
   * AGENCY_REGISTRY and AGENCY_REGISTRY_KEY are set (verified, else refused),
   * else the agency list of AGENCY_DIRECTORY.
   */
  static load(config: { agencyDirectory: string; agencyRegistry?: { path: string; keyPath: string } }): AgencyRegistry {
    if (config.agencyRegistry) return new AgencyRegistry(loadSignedRegistry(config.agencyRegistry.path, config.agencyRegistry.keyPath));
    return AgencyRegistry.fromDirectoryFile(config.agencyDirectory);
  }

  /** The role (node) the registry gives an agency, or undefined when it is not registered. */
  roleOf(agency: string): string | undefined {
    return this.byId.get(agency)?.node;
  }

  find(agency: string): AgencyEntry | undefined {
    return this.byId.get(agency);
  }

  list(): AgencyEntry[] {
    return [...this.byId.values()];
  }
}
