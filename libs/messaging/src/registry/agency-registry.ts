import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { AgencyPublicKeys } from '../keys/node-keys.js';
import { loadRegistry, type AgencyEntry } from '../provisioning/bus-registry.js';
import { KeyPins, type KeyPinView } from './key-pins.js';
import { loadSignedRegistry, RegistryRefused, verifySignedRegistry, type VerifiedRegistry } from './signed-registry.js';

/**
 * The agencies of the network and their roles: what the transport resolves a
 * sender's role from before any handler runs. Read at start; a signed one is
 * followed while the node runs (`follow`). An agency that is not in it can
 * send nothing a node will apply.
 */
export class AgencyRegistry {
  private byId: ReadonlyMap<string, AgencyEntry>;

  private readonly pins: KeyPins;

  private constructor(
    agencies: readonly AgencyEntry[],
    /** The signed registry's version (0: not signed). */
    private version = 0,
    keys: Readonly<Record<string, AgencyPublicKeys>> = {},
    pinsFile?: string,
  ) {
    this.byId = new Map(agencies.map((a) => [a.id, a]));
    this.pins = new KeyPins(pinsFile);
    this.pins.offer(keys, version);
  }

  /** The registry of these agencies (tests, and a file already read and checked). */
  static of(agencies: readonly AgencyEntry[], keys: Readonly<Record<string, AgencyPublicKeys>> = {}, pinsFile?: string): AgencyRegistry {
    return new AgencyRegistry(agencies, 0, keys, pinsFile);
  }

  /** Reads the agency list of a bus registry file (bus/agencies.json); throws when it is unreadable or invalid. */
  static fromDirectoryFile(path: string): AgencyRegistry {
    return new AgencyRegistry(loadRegistry(path).agencies);
  }

  /**
   * The registry a node runs with: the PPA office's signed file
   * (AGENCY_REGISTRY, verified against AGENCY_REGISTRY_KEY, else refused).
   * Without one a node (and its commands: a dead-letter replay applies
   * events) does not start; the bus team's AGENCY_DIRECTORY is taken instead
   * only where AGENCY_REGISTRY_UNSIGNED says so (development only).
   */
  static load(config: {
    agencyDirectory: string;
    agencyRegistry?: { path: string; keyPath: string };
    unsignedRegistry?: boolean;
    /** Where the keys this node has seen are pinned (a file beside its key file). */
    keyPinsFile?: string;
  }): AgencyRegistry {
    if (config.agencyRegistry) {
      const { version, agencies, keys } = loadSignedRegistry(config.agencyRegistry.path, config.agencyRegistry.keyPath);
      return new AgencyRegistry(agencies, version, keys, config.keyPinsFile);
    }
    if (!config.unsignedRegistry) {
      throw new RegistryRefused(
        "AGENCY_REGISTRY and AGENCY_REGISTRY_KEY are not set: a node takes senders' roles only from the agency registry the province PPA office signed. " +
          "Set AGENCY_REGISTRY to the signed file (npm run registry -- sign) and AGENCY_REGISTRY_KEY to the office's public key " +
          '(for development only, AGENCY_REGISTRY_UNSIGNED=true takes them from AGENCY_DIRECTORY)',
      );
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
        this.offer(readFileSync(source.path, 'utf8'), readFileSync(source.keyPath, 'utf8'), `AGENCY_REGISTRY ${source.path}`, report);
      } catch (err) {
        report(`${describe(err)}; kept version ${this.version}`, false);
      }
    };
    watchFile(source.path, { interval: intervalMs, persistent: false }, check);
    return () => unwatchFile(source.path, check);
  }

  /**
   * Offers a signed registry (a file's or the bus's copy): taken only if it
   * verifies against the PPA office's key and is newer than the one in use.
   * The same version again is a no-op; an older or refused one is reported
   * and the registry in use stays. True when taken.
   */
  offer(text: string, officeKeyPem: string, where: string, report: (message: string, taken: boolean) => void): boolean {
    let next: VerifiedRegistry;
    try {
      next = verifySignedRegistry(text, officeKeyPem, where);
    } catch (err) {
      report(`${describe(err)}; kept version ${this.version}`, false);
      return false;
    }
    if (next.version <= this.version) {
      if (next.version < this.version)
        report(`${where} is version ${next.version}, older than ${this.version} in use: kept ${this.version}`, false);
      return false;
    }
    this.byId = new Map(next.agencies.map((a) => [a.id, a]));
    this.version = next.version;
    report(`agency registry version ${next.version} taken from ${where} (${next.agencies.length} agencies)`, true);
    for (const held of this.pins.offer(next.keys, next.version)) {
      report(
        `agency ${held.agency} comes with new public keys (fingerprint ${held.fingerprint}): the keys pinned before stay in force until an agency admin accepts it (POST /agency-keys/${held.agency}/accept)`,
        false,
      );
    }
    return true;
  }

  /**
   * The keys in force for an agency: the ones pinned when the node first saw
   * them in a signed registry. A registry that brings other keys does not
   * change them until an agency admin accepts the new fingerprint.
   */
  keysOf(agency: string): AgencyPublicKeys | undefined {
    return this.pins.inForce(agency);
  }

  /** The keys an admin replaced by accepting new ones, while they still verify what was signed before (key-pins.ts). */
  previousKeysOf(agency: string): AgencyPublicKeys | undefined {
    return this.pins.previous(agency);
  }

  /** True once any agency's keys are known: from then on events are sealed, signed and verified. */
  get keyed(): boolean {
    return this.pins.any;
  }

  /** Every pinned agency with its fingerprint in force and, if one waits, the new one. */
  keyPins(): KeyPinView[] {
    return this.pins.list();
  }

  /** An agency admin accepts the waiting keys of an agency by their fingerprint; false when none with it waits. */
  acceptKeys(agency: string, fingerprint: string): boolean {
    return this.pins.accept(agency, fingerprint);
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

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
