import type { OutgoingHandover } from './hand-over.entities.js';

/** What the sender's staff see of a hand-over they asked for. */
export function outgoingView(h: OutgoingHandover) {
  return {
    id: h.id,
    caseId: h.caseId,
    toAgency: h.toAgency,
    reason: h.reason,
    state: h.state,
    disclosureOverrideReason: h.disclosureOverrideReason,
    requestedBy: h.requestedBy,
    requestedAt: h.requestedAt,
    answeredAt: h.answeredAt,
    declineReason: h.declineReason,
  };
}
