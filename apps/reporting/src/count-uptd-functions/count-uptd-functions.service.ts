import { Injectable } from '@nestjs/common';
import {
  ACCOMPANIMENT_DESTINATIONS,
  MEDIATION_OUTCOMES,
  OUTREACH_OUTCOMES,
  type EventSource,
  type UptdFunctionRecordedV1,
} from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { FunctionFactsRepository } from '../repositories/function-facts.repository.js';

/** What each function must carry: refused (dead-lettered) when the record does not fit its function. */
export function functionProblem(p: UptdFunctionRecordedV1): string | null {
  const outcome = p.outcome as string | undefined;
  if (p.function === 'outreach') {
    if (!outcome || !(OUTREACH_OUTCOMES as readonly string[]).includes(outcome)) return 'an outreach visit carries an outreach outcome';
    if (p.destination || p.victimId) return 'an outreach visit carries no destination and no victim';
  }
  if (p.function === 'mediation') {
    if (!outcome || !(MEDIATION_OUTCOMES as readonly string[]).includes(outcome)) return 'a mediation carries a mediation outcome';
    if (!p.victimId || p.destination) return 'a mediation carries its victim and no destination';
  }
  if (p.function === 'accompaniment') {
    if (!p.destination || !ACCOMPANIMENT_DESTINATIONS.includes(p.destination)) return 'an accompaniment carries its destination';
    if (!p.victimId || outcome) return 'an accompaniment carries its victim and no outcome';
  }
  return null;
}

/** One row per recorded UPTD PPA function (outreach, mediation, accompaniment). */
@Injectable()
export class CountUptdFunctionsService {
  constructor(private readonly functions: FunctionFactsRepository) {}

  async count(tx: Transaction, source: EventSource, p: UptdFunctionRecordedV1): Promise<void> {
    const problem = functionProblem(p);
    if (problem) throw new EventRejected(problem);
    await this.functions.insert(tx, functionFact(source, p));
  }

  /** Many records at once (a rebuild), none refused, no record twice: the same rows as `count` for each. */
  async countMany(tx: Transaction, records: ReadonlyArray<{ source: EventSource; payload: UptdFunctionRecordedV1 }>): Promise<void> {
    await this.functions.insertMany(
      tx,
      records.map((r) => functionFact(r.source, r.payload)),
    );
  }
}

function functionFact(source: EventSource, p: UptdFunctionRecordedV1) {
  return {
    recordId: p.recordId,
    function: p.function,
    outcome: p.outcome ?? null,
    destination: p.destination ?? null,
    victimId: p.victimId ?? null,
    month: p.month,
    district: p.district,
    agencyId: source.agency,
  };
}
