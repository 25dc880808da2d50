import { loadRegistry, type AgencyEntry } from '@rujukan/messaging';

/** The agencies of the network, read from the bus registry (who runs which node). */
export class AgencyDirectory {
  private constructor(private readonly agencies: AgencyEntry[]) {}

  static fromFile(path: string): AgencyDirectory {
    return new AgencyDirectory(loadRegistry(path).agencies);
  }

  static of(agencies: AgencyEntry[]): AgencyDirectory {
    return new AgencyDirectory(agencies);
  }

  find(id: string): AgencyEntry | undefined {
    return this.agencies.find((a) => a.id === id);
  }

  list(): AgencyEntry[] {
    return [...this.agencies];
  }
}
