import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseFile, type CaseStatus } from '../cases/case.entity.js';
import { CaseReport } from '../cases/case-report.entity.js';
import { toCaseView } from '../cases/case.view.js';
import { Perpetrator } from '../cases/perpetrator.entity.js';
import { TraffickingStage } from '../cases/trafficking-stage.entity.js';
import { OutgoingHandover } from '../hand-over/hand-over.entities.js';
import { caseIsTheirs } from './case-ownership.query.js';

/** The cases as staff find and read them. */
@Injectable()
export class CaseViewQuery {
  /** A case worker sees her cases and those shared with her; a supervisor the agency's (or, `mine`, hers). Newest first. */
  async list(tx: Transaction, staff: Principal, filter: { mine?: boolean; number?: string; status?: CaseStatus }) {
    const qb = tx.manager.getRepository(CaseFile).createQueryBuilder('c').orderBy('c.registeredAt', 'DESC').take(200);
    if (staff.role === 'case-worker' || filter.mine) {
      qb.andWhere(caseIsTheirs(':me'), { me: staff.staffId });
    }
    if (filter.number) qb.andWhere('c.case_number LIKE :number', { number: `${filter.number}%` });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    const cases = await qb.getMany();
    return cases.map((c) => ({
      id: c.id,
      caseNumber: c.caseNumber,
      kind: c.kind,
      riskLevel: c.riskLevel,
      status: c.status,
      ownerId: c.ownerId,
      registeredAt: c.registeredAt,
    }));
  }

  /** The case view (toCaseView), or null when there is no such case. */
  async one(tx: Transaction, id: string): Promise<ReturnType<typeof toCaseView> | null> {
    const found = await tx.manager.getRepository(CaseFile).findOne({
      where: { id },
      relations: { victims: true, referrals: true },
      order: { referrals: { createdAt: 'ASC' } },
    });
    if (!found) return null;
    found.perpetrators = await tx.manager.getRepository(Perpetrator).find({ where: { caseId: id } });
    found.traffickingStages = await tx.manager
      .getRepository(TraffickingStage)
      .find({ where: { caseId: id }, order: { occurredOn: 'ASC' } });
    // Links both ways: this case's victims reported earlier, or reported again later.
    found.duplicates = await tx.manager.query(
      `SELECT d.victim_id AS "victimId", d.duplicate_of AS id, o.case_id AS "caseId", c.case_number AS "caseNumber", d.basis, d.weaker, d.reason
         FROM victim_duplicate d JOIN victim v ON v.id = d.victim_id JOIN victim o ON o.id = d.duplicate_of JOIN case_file c ON c.id = o.case_id
        WHERE v.case_id = $1
       UNION ALL
       SELECT d.duplicate_of, d.victim_id, v.case_id, c.case_number, d.basis, d.weaker, d.reason
         FROM victim_duplicate d JOIN victim o ON o.id = d.duplicate_of JOIN victim v ON v.id = d.victim_id JOIN case_file c ON c.id = v.case_id
        WHERE o.case_id = $1`,
      [id],
    );
    found.handOvers = await tx.manager.getRepository(OutgoingHandover).find({ where: { caseId: id }, order: { requestedAt: 'ASC' } });
    found.reports = await tx.manager.getRepository(CaseReport).find({ where: { caseId: id }, order: { receivedAt: 'ASC' } });
    const [hold]: Array<{ reason: string; recordedAt: Date }> = await tx.manager.query(
      `SELECT reason, recorded_at AS "recordedAt" FROM case_legal_hold WHERE case_id = $1`,
      [id],
    );
    found.legalHold = hold ?? null;
    return toCaseView(found);
  }
}
