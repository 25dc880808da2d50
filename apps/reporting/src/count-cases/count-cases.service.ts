import { Injectable } from '@nestjs/common';
import type { CaseRegisteredV1 } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { CaseFact } from '../projections/facts.entities.js';
import { CaseFactsRepository } from '../repositories/case-facts.repository.js';
import { VictimFactsRepository } from '../repositories/victim-facts.repository.js';

/** A registered case, its perpetrators and its victims, as reporting counts them; a redelivery changes nothing. */
@Injectable()
export class CountCasesService {
  constructor(
    private readonly cases: CaseFactsRepository,
    private readonly victims: VictimFactsRepository,
  ) {}

  async countCase(tx: Transaction, caseId: string, sourceAgency: string, p: CaseRegisteredV1): Promise<void> {
    await this.cases.insertCase(tx, caseFact(caseId, sourceAgency, p));
    await this.cases.insertPerpetrators(tx, caseId, p.perpetrators ?? []);
    await this.victims.registerVictims(tx, caseId, p.victims);
  }

  /** Many cases at once (a rebuild), no case or victim twice: the same rows as `countCase` for each. */
  async countCases(
    tx: Transaction,
    cases: ReadonlyArray<{ caseId: string; sourceAgency: string; payload: CaseRegisteredV1 }>,
  ): Promise<void> {
    await this.cases.insertCases(
      tx,
      cases.map((c) => caseFact(c.caseId, c.sourceAgency, c.payload)),
    );
    await this.cases.insertPerpetratorsOf(
      tx,
      cases.map((c) => ({ caseId: c.caseId, perpetrators: c.payload.perpetrators ?? [] })),
    );
    await this.victims.registerVictimsOf(
      tx,
      cases.map((c) => ({ caseId: c.caseId, victims: c.payload.victims })),
    );
  }
}

function caseFact(caseId: string, sourceAgency: string, p: CaseRegisteredV1): CaseFact {
  return {
    caseId,
    sourceAgency,
    kind: p.kind,
    channel: p.channel,
    month: p.month,
    incidentMonth: p.incidentMonth ?? null,
    district: p.district,
    violenceTypes: p.violenceTypes,
    place: p.place,
    perpetratorRelation: p.perpetratorRelation ?? null,
  };
}
