import { REFERRAL_STATE_RANK, type ReferralState } from '@rujukan/contracts';
import type { Databases } from './databases.js';
import type { ReferralPlan } from './driver.js';
import type { FaultKind, FaultRecord } from './faults.js';

export const DELIBERATE_MARK = 'deliberate poison message';

export interface Audit {
  referrals: number;
  lost: string[];
  appliedTwice: string[];
  stuck: string[];
  disagree: string[];
  undrained: string[];
  reportingVersusIntake: string[];
  deadLetters: string[];
  deliberateDeadLetters: number;
  duplicatesAbsorbed: number;
  faults: Record<string, number>;
  faultsNotFired: string[];
  /** Per stream leader kill: seconds until each receiving node applied an addressed event written after the kill. */
  stalls: Array<{ killedAt: string; resumeSeconds: Record<string, number | null> }>;
  /** Resumptions slower than the stall bound. */
  stallsOverBound: string[];
}

const EXPECTED: Record<ReferralPlan['outcome'], ReferralState> = { accept: 'accepted', decline: 'declined', complete: 'completed' };

/** Checks every database of the run against the plan and against each other. */
export async function audit(
  db: Databases,
  plans: ReferralPlan[],
  nodeOfAgency: Map<string, string>,
  records: FaultRecord[],
  kinds: readonly FaultKind[],
  stallBoundSeconds: number,
): Promise<Audit> {
  const intake = new Map(
    (
      await db.query<{ id: string; case_id: string; agency_id: string; service: string; state: ReferralState }>(
        'intake',
        'SELECT id, case_id, agency_id, service, state FROM referral',
      )
    ).map((r) => [r.id, r]),
  );
  const received = new Map<string, Map<string, ReferralState>>();
  for (const node of new Set(plans.map((p) => p.node))) {
    const rows = await db.query<{ referral_id: string; state: ReferralState }>(node, 'SELECT referral_id, state FROM incoming_referral');
    received.set(node, new Map(rows.map((r) => [r.referral_id, r.state])));
  }
  const lost: string[] = [];
  const stuck: string[] = [];
  const disagree: string[] = [];
  const appliedTwice: string[] = [];

  const planned = new Set<string>();
  for (const p of plans) {
    if (p.unfinished) stuck.push(`referral #${p.index} (${p.node}, ${p.outcome}): ${p.unfinished}`);
    if (!p.referralId) continue;
    planned.add(p.referralId);
    const at = intake.get(p.referralId);
    if (!at) {
      lost.push(`referral #${p.index}: created (201) but not in intake's database`);
      continue;
    }
    const last = p.confirmed.at(-1) as ReferralState | undefined;
    if (last && REFERRAL_STATE_RANK[at.state] < REFERRAL_STATE_RANK[last]) {
      lost.push(`referral #${p.index}: ${p.node} confirmed ${last}, intake shows ${at.state}`);
    }
    if (!p.unfinished && at.state !== EXPECTED[p.outcome])
      stuck.push(`referral #${p.index}: intake shows ${at.state}, planned ${EXPECTED[p.outcome]}`);
  }
  const perCase = new Map<string, number>();
  for (const r of intake.values()) {
    perCase.set(r.case_id, (perCase.get(r.case_id) ?? 0) + 1);
    const node = nodeOfAgency.get(r.agency_id);
    const there = node ? received.get(node)?.get(r.id) : undefined;
    if (!there) lost.push(`referral ${r.id} (${r.state} at intake) never reached ${node ?? r.agency_id}`);
    else if (there !== r.state) disagree.push(`referral ${r.id}: intake ${r.state}, ${node} ${there}`);
    if (!planned.has(r.id)) appliedTwice.push(`referral ${r.id} at intake that the run did not make once (a retried POST acting twice)`);
  }
  for (const [caseId, n] of perCase) if (n > 1) appliedTwice.push(`case ${caseId} holds ${n} referrals; the run made one`);
  const cases = Number((await db.query<{ n: string }>('intake', 'SELECT count(*) n FROM case_file'))[0].n);
  const plannedCases = new Set(plans.filter((p) => p.caseId).map((p) => p.caseId)).size;
  if (cases !== plannedCases) appliedTwice.push(`intake holds ${cases} cases; the run registered ${plannedCases}`);

  // Every applied event must be one some outbox wrote: an effect applied under a second id is an effect applied twice.
  const written = new Map<string, { createdAt: Date; receipt: boolean }>();
  const undrained: string[] = [];
  const deadLetters: string[] = [];
  let deliberateDeadLetters = 0;
  for (const node of db.nodes) {
    for (const r of await db.query<{ event_id: string; created_at: Date; requires_receipt: boolean }>(
      node,
      'SELECT event_id, created_at, requires_receipt FROM messaging_outbox',
    )) {
      written.set(r.event_id, { createdAt: r.created_at, receipt: r.requires_receipt });
    }
    const [o] = await db.query<{ unsent: string; unreceipted: string }>(
      node,
      `SELECT count(*) FILTER (WHERE sent_at IS NULL) unsent,
              count(*) FILTER (WHERE requires_receipt AND sent_at IS NOT NULL AND receipt_at IS NULL) unreceipted FROM messaging_outbox`,
    );
    if (Number(o.unsent) || Number(o.unreceipted)) undrained.push(`${node}: ${o.unsent} unsent, ${o.unreceipted} awaiting receipt`);
    for (const d of await db.query<{ reason: string; deliberate: boolean }>(
      node,
      `SELECT reason, position($1::bytea in data) > 0 deliberate FROM messaging_dead_letter`,
      [Buffer.from(DELIBERATE_MARK)],
    )) {
      if (d.deliberate) deliberateDeadLetters++;
      else deadLetters.push(`${node}: ${d.reason}`);
    }
  }
  let duplicatesAbsorbed = 0;
  const inboxes = new Map<string, Array<{ event_id: string; received_at: Date }>>();
  for (const node of db.nodes) {
    const rows = await db.query<{ event_id: string; received_at: Date; duplicate_deliveries: number }>(
      node,
      'SELECT event_id, received_at, duplicate_deliveries FROM messaging_inbox',
    );
    inboxes.set(node, rows);
    for (const r of rows) {
      duplicatesAbsorbed += r.duplicate_deliveries;
      if (!written.has(r.event_id)) appliedTwice.push(`${node} applied event ${r.event_id}, which no outbox wrote`);
    }
  }

  const reportingVersusIntake: string[] = [];
  const intakeCounts = await db.query<{ service: string; state: string; n: string }>(
    'intake',
    'SELECT service, state, count(*) n FROM referral GROUP BY 1, 2',
  );
  const reportingCounts = await db.query<{ service: string; state: string; n: string }>(
    'reporting',
    'SELECT service, status state, count(*) n FROM referral_fact GROUP BY 1, 2',
  );
  const key = (r: { service: string; state: string }) => `${r.service}/${r.state}`;
  const counts = new Map<string, [number, number]>();
  for (const r of intakeCounts) counts.set(key(r), [Number(r.n), 0]);
  for (const r of reportingCounts) counts.set(key(r), [counts.get(key(r))?.[0] ?? 0, Number(r.n)]);
  for (const [k, [a, b]] of counts) if (a !== b) reportingVersusIntake.push(`referrals ${k}: intake ${a}, reporting ${b}`);
  const reportedCases = Number((await db.query<{ n: string }>('reporting', 'SELECT count(*) n FROM case_fact'))[0].n);
  if (reportedCases !== cases) reportingVersusIntake.push(`cases: intake ${cases}, reporting ${reportedCases}`);

  const faults: Record<string, number> = {};
  for (const k of kinds) faults[k] = records.filter((r) => r.kind === k && r.fired).length;
  const deliberateFired = faults['deliberate-dead-letter'] ?? 0;
  if (deliberateDeadLetters !== deliberateFired) {
    deadLetters.push(`${deliberateDeadLetters} deliberate poison messages dead-lettered, ${deliberateFired} sent`);
  }

  const stalls = records
    .filter((r) => r.kind === 'stream-leader-kill' && r.fired)
    .map((r) => {
      const resumeSeconds: Record<string, number | null> = {};
      for (const [node, rows] of inboxes) {
        let first: number | null = null;
        for (const row of rows) {
          const w = written.get(row.event_id);
          if (!w?.receipt || w.createdAt.getTime() <= r.at) continue;
          const t = row.received_at.getTime();
          if (first === null || t < first) first = t;
        }
        resumeSeconds[node] = first === null ? null : Math.round((first - r.at) / 100) / 10;
      }
      return { killedAt: new Date(r.at).toISOString(), resumeSeconds };
    });

  const stallsOverBound = stalls.flatMap((s) =>
    Object.entries(s.resumeSeconds)
      .filter(([, t]) => t !== null && t > stallBoundSeconds)
      .map(([node, t]) => `${node} resumed ${t} s after the leader kill at ${s.killedAt} (bound ${stallBoundSeconds} s)`),
  );

  return {
    referrals: plans.length,
    lost,
    appliedTwice,
    stuck,
    disagree,
    undrained,
    reportingVersusIntake,
    deadLetters,
    deliberateDeadLetters,
    duplicatesAbsorbed,
    faults,
    faultsNotFired: Object.entries(faults)
      .filter(([, n]) => n === 0)
      .map(([k]) => k),
    stalls,
    stallsOverBound,
  };
}

/** True when the run kept every promise. */
export function passed(a: Audit): boolean {
  return [
    a.lost,
    a.appliedTwice,
    a.stuck,
    a.disagree,
    a.undrained,
    a.reportingVersusIntake,
    a.deadLetters,
    a.faultsNotFired,
    a.stallsOverBound,
  ].every((l) => l.length === 0);
}
