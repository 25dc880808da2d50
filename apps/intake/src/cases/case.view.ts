import type { CaseFile } from './case.entity.js';

/** What the case worker's API returns for a case: the case, its victims and every referral's status. */
export function toCaseView(c: CaseFile) {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    kind: c.kind,
    channel: c.channel,
    riskLevel: c.riskLevel,
    district: c.district,
    status: c.status,
    handedOverFrom: c.handedOverFrom,
    handOvers: (c.handOvers ?? []).map((h) => ({
      id: h.id,
      toAgency: h.toAgency,
      state: h.state,
      reason: h.reason,
      requestedAt: h.requestedAt,
      answeredAt: h.answeredAt,
      declineReason: h.declineReason,
    })),
    closure: c.closedAt ? { at: c.closedAt, by: c.closedBy, note: c.closureNote, overrideReason: c.closureOverrideReason } : null,
    /** A legal hold keeps the case past its retention after closure. */
    legalHold: c.legalHold ? { reason: c.legalHold.reason, recordedAt: c.legalHold.recordedAt } : null,
    /** When the retention after closure erased whom the case was about (its counts stay). */
    retentionErasedAt: c.retentionErasedAt ?? null,
    registeredAt: c.registeredAt,
    /** The triage clock: the first response's deadline by the risk, and when it was given (null: not yet). */
    firstResponseDueAt: c.firstResponseDueAt ?? null,
    firstRespondedAt: c.firstRespondedAt ?? null,
    incident: {
      violenceTypes: c.violenceTypes,
      place: c.incidentPlace,
      date: c.incidentDate,
      perpetratorRelation: c.perpetratorRelation,
      narrative: c.incidentNarrative,
    },
    reporter: c.reporterRelation
      ? { relation: c.reporterRelation, anonymous: c.reporterAnonymous, name: c.reporterName, phone: c.reporterPhone }
      : null,
    // Every report of the incident: the one that opened the case, then those attached to it (one case per incident).
    reports: [
      {
        channel: c.channel,
        receivedAt: c.registeredAt,
        reporter: c.reporterRelation ? { relation: c.reporterRelation } : null,
        attached: false,
      },
      ...(c.reports ?? []).map((r) => ({
        id: r.id,
        channel: r.channel,
        receivedAt: r.receivedAt,
        victimId: r.victimId,
        basis: r.basis,
        reporter: r.reporterRelation
          ? { relation: r.reporterRelation, anonymous: r.reporterAnonymous, name: r.reporterName, phone: r.reporterPhone }
          : null,
        note: r.note,
        attached: true,
      })),
    ],
    perpetrators: (c.perpetrators ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      sex: p.sex,
      ageYears: p.ageYears,
      relation: p.relation,
      child: p.ageYears !== null && p.ageYears < 18,
    })),
    traffickingStages: (c.traffickingStages ?? []).map((t) => ({
      stage: t.stage,
      place: t.place,
      country: t.country,
      date: t.occurredOn,
      exploitationType: t.exploitationType,
      notes: t.notes,
    })),
    victims: (c.victims ?? []).map((v) => ({
      id: v.id,
      name: v.name,
      sex: v.sex,
      birthDate: v.birthDate,
      ageYears: v.ageYears,
      district: v.district,
      address: v.address,
      idNumber: v.idNumber,
      education: v.education,
      occupation: v.occupation,
      disabilities: v.disabilities,
      safetyNotes: v.safetyNotes,
      consent: { services: v.consentServices, statistics: v.consentStatistics },
      // Earlier (or later) reports of the same person, with the case they are in.
      sameAs: (c.duplicates ?? [])
        .filter((d) => d.victimId === v.id)
        .map((d) => ({ victimId: d.id, caseId: d.caseId, caseNumber: d.caseNumber, basis: d.basis, weaker: d.weaker, reason: d.reason })),
    })),
    referrals: (c.referrals ?? []).map((r) => ({
      id: r.id,
      victimId: r.victimId,
      service: r.service,
      agencyId: r.agencyId,
      /** An agency outside the network (agencyId 'external'): its name and address, as its letter is addressed. */
      externalAgency: r.externalAgencyName ? { name: r.externalAgencyName, address: r.externalAgencyAddress } : null,
      state: r.state,
      outcomeNote: r.outcomeNote,
      declineCode: r.declineCode,
      consentOverrideReason: r.consentOverrideReason,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  };
}
