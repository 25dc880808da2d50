import { ageBand, type HandedOverPerpetrator } from '@rujukan/contracts';
import type { Perpetrator } from './perpetrator.entity.js';

/**
 * A perpetrator's rules, in one place. What may be said about one is the
 * contract's `HandedOverPerpetrator` (the registration form's input extends
 * it); a child among them is a child in conflict with the law (ABH).
 */
export function isChildPerpetrator(p: { ageYears: number | null }): boolean {
  return p.ageYears !== null && p.ageYears < 18;
}

/** The row a perpetrator given at registration or carried by a hand-over is stored as. */
export function perpetratorRow(caseId: string, p: HandedOverPerpetrator): Partial<Perpetrator> {
  return { caseId, name: p.name ?? null, sex: p.sex ?? null, ageYears: p.ageYears ?? null, relation: p.relation };
}

/** A stored perpetrator as a hand-over carries it. */
export function handedOverPerpetrator(p: Perpetrator): HandedOverPerpetrator {
  return { name: p.name ?? undefined, sex: p.sex ?? undefined, ageYears: p.ageYears ?? undefined, relation: p.relation };
}

/** A perpetrator as reporting counts them: no name, an age band. */
export function deidentifiedPerpetrator(p: Pick<Perpetrator, 'sex' | 'ageYears' | 'relation'>) {
  return {
    sex: p.sex ?? undefined,
    ageBand: p.ageYears === null ? undefined : ageBand(p.ageYears),
    child: isChildPerpetrator(p),
    relation: p.relation,
  };
}
