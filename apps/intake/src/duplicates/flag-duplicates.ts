import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { findDuplicates, type DuplicateMatch, type DuplicatePerson } from './duplicate-match.js';
import { VictimDuplicateRepository } from './victim-duplicate.repository.js';

export interface FlaggedDuplicate extends DuplicateMatch {
  caseId: string;
  caseNumber: string;
  /** The earlier record's pseudonymous statistics id: a strong match is counted under it, once. */
  statisticsId: string;
}

/** Finds and records other reports of the same person at this unit. */
@Injectable()
export class DuplicateFlagger {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly duplicates: VictimDuplicateRepository,
  ) {}

  /** Earlier victims of this unit who are the same person as `person`, strongest first. */
  async earlierReportsOf(tx: Transaction, person: DuplicatePerson): Promise<FlaggedDuplicate[]> {
    const candidates = await this.duplicates.candidatesFor(tx, person);
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
