import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CaseRegistered, type CaseRegisteredV1, type EventEnvelope } from '@rujukan/contracts';
import { EventContext, EventRejected, OnEvent } from '@rujukan/messaging';
import { CaseFact } from '../projections/facts.entities.js';
import { VictimFactsRepository } from './victim-facts.repository.js';

@Controller()
export class CountCasesEventHandler {
  constructor(private readonly victims: VictimFactsRepository) {}

  @OnEvent(CaseRegistered)
  async countWhenCaseRegistered(@Payload() event: EventEnvelope<CaseRegisteredV1>, @Ctx() ctx: EventContext): Promise<void> {
    if (!event.caseId) throw new EventRejected('case.registered without caseId');
    const p = event.payload;
    await ctx.tx.manager
      .createQueryBuilder()
      .insert()
      .into(CaseFact)
      .values({
        caseId: event.caseId,
        sourceAgency: event.source.agency,
        kind: p.kind,
        channel: p.channel,
        month: p.month,
        district: p.district,
        violenceTypes: p.violenceTypes,
        place: p.place,
        perpetratorRelation: p.perpetratorRelation ?? null,
      })
      .orIgnore()
      .execute();
    // Perpetrators by position in the case: a redelivery writes the same rows, ignored.
    for (const [position, perp] of (p.perpetrators ?? []).entries()) {
      await ctx.tx.manager.query(
        `INSERT INTO perpetrator_fact (case_id, position, sex, age_band, child, relation) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [event.caseId, position, perp.sex ?? null, perp.ageBand ?? null, perp.child, perp.relation],
      );
    }
    await this.victims.registerVictims(ctx.tx, event.caseId, p.victims);
  }
}
