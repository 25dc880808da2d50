import { unwatchFile, watchFile } from 'node:fs';
import { loadRegistry, type AgencyEntry } from '../provisioning/bus-registry.js';
import { loadSignedRegistry, RegistryRefused } from './signed-registry.js';

/**
 * The agencies of the network and their roles: what the transport resolves a
 * sender's role from before any handler runs. Read at start; a signed one is
 * followed while the node runs (`follow`). An agency that is not in it can
 * send nothing a node will apply.
 */
export class AgencyRegistry {
  private byId: ReadonlyMap<string, AgencyEntry>;

  private constructor(
    agencies: readonly AgencyEntry[],
    /** The signed registry's version (0: not signed). */
    private version = 0,
  ) {
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
    if (config.agencyRegistry) {
      const { version, agencies } = loadSignedRegistry(config.agencyRegistry.path, config.agencyRegistry.keyPath);
      return new AgencyRegistry(agencies, version);
    }
    return AgencyRegistry.fromDirectoryFile(config.agencyDirectory);
  }

  /**
   * Takes a newer signed registry when the file changes, without a restart:
   * only if its signature verifies and its version is above the one in use;
   * anything else is reported and the registry in use stays. Returns the stop.
   */
  follow(source: { path: string; keyPath: string }, report: (message: string, taken: boolean) => void, intervalMs = 2000): () => void {
    const check = () => {
      try {
        const next = loadSignedRegistry(source.path, source.keyPath);
        if (next.version <= this.version) {
          if (next.version < this.version)
            report(
              `AGENCY_REGISTRY ${source.path} is version ${next.version}, older than ${this.version} in use: kept ${this.version}`,
              false,
            );
          return;
        }
        this.byId = new Map(next.agencies.map((a) => [a.id, a]));
        report(`agency registry version ${next.version} taken (${next.agencies.length} agencies)`, true);
        this.version = next.version;
      } catch (err) {
        report(`${err instanceof RegistryRefused ? err.message : String(err)}; kept version ${this.version}`, false);
      }
    };
    watchFile(source.path, { interval: intervalMs, persistent: false }, check);
    return () => unwatchFile(source.path, check);
  }

  /** The signed registry's version in use (0: not signed). */
  get signedVersion(): number {
    return this.version;
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
