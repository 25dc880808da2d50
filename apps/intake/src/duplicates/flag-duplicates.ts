import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork, type Transaction } from '@rujukan/messaging';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { findDuplicates, type DuplicateMatch, type DuplicatePerson } from './duplicate-match.js';
import { MatchKeys } from './match-keys.js';
import { VictimDuplicateRepository } from './victim-duplicate.repository.js';

export interface FlaggedDuplicate extends DuplicateMatch {
  caseId: string;
  caseNumber: string;
  /** The earlier record's pseudonymous statistics id: a strong match is counted under it, once. */
  statisticsId: string;
}

/** Finds and records other reports of the same person at this unit. */
@Injectable()
export class DuplicateFlagger implements OnApplicationBootstrap {
  private readonly log = new Logger('DuplicateFlagger');
  private readonly keys: MatchKeys;

  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly duplicates: VictimDuplicateRepository,
    private readonly uow: UnitOfWork,
  ) {
    this.keys = new MatchKeys(settings.statisticsKey);
  }

  /**
   * Victims registered before the keys existed (or keyed with another key:
   * STATISTICS_ID_KEY changed) get theirs before the node serves, in batches.
   */
  async onApplicationBootstrap(): Promise<void> {
    let made = 0;
    await this.uow.run(async (tx) => {
      if ((await this.duplicates.lockKeying(tx)) !== this.keys.fingerprint) await this.duplicates.restartKeying(tx, this.keys.fingerprint);
    });
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const batch = await this.uow.run(async (tx) => {
        await this.duplicates.lockKeying(tx);
        const victims = await this.duplicates.victimsWithoutKeys(tx, after, 500);
        for (const v of victims) await this.duplicates.storeKeys(tx, v.id, this.keys.stored(v));
        return victims;
      });
      made += batch.length;
      if (batch.length < 500) break;
      after = batch[batch.length - 1].id;
    }
    if (made) this.log.log(`made the duplicate-match keys of ${made} victims registered before them`);
  }

  /** Stores a newly registered victim's match keys, so later registrations find her. */
  index(tx: Transaction, person: DuplicatePerson): Promise<void> {
    return this.duplicates.storeKeys(tx, person.id, this.keys.stored(person));
  }

  /** Earlier victims of this unit who are the same person as `person`, strongest first. */
  async earlierReportsOf(tx: Transaction, person: DuplicatePerson): Promise<FlaggedDuplicate[]> {
    const candidates = await this.duplicates.candidatesFor(tx, person, this.keys.lookup(person));
    const byId = new Map(candidates.map((c) => [c.id, c]));
    return findDuplicates(person, candidates).map((m) => {
      const c = byId.get(m.id)!;
      return {
        ...m,
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        statisticsId: storedStatisticsId(this.settings.statisticsKey, 'victim', c),
      };
    });
  }

  /** Records the flags (the victim row must exist). */
  record(tx: Transaction, victimId: string, matches: FlaggedDuplicate[]): Promise<void> {
    return this.duplicates.record(tx, victimId, matches);
  }
}
