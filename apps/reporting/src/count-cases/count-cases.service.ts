import { Injectable } from '@nestjs/common';
import type { CaseRegisteredV1 } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
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
    await this.cases.insertCase(tx, {
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
    });
    await this.cases.insertPerpetrators(tx, caseId, p.perpetrators ?? []);
    await this.victims.registerVictims(tx, caseId, p.victims);
  }
}
