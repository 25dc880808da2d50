import { randomBytes, randomUUID } from 'node:crypto';
import type { Network } from '../network/start-network.js';
import { Random } from './random.js';

/** What the run asks of one referral: the service it goes to and the answer it gets there. */
export type Outcome = 'accept' | 'decline' | 'complete';

export interface ReferralPlan {
  index: number;
  /** The node that receives it (its name in the network). */
  node: (typeof TARGETS)[number]['node'];
  service: (typeof TARGETS)[number]['service'];
  outcome: Outcome;
  caseId?: string;
  referralId?: string;
  /** The states the receiving node confirmed (HTTP 200), in order. */
  confirmed: string[];
  /** Why the run could not finish this referral's plan, if it could not. */
  unfinished?: string;
}

const COMPLETED = { note: 'Layanan diberikan (chaos run)' };

/** Every service node, with the answers it gives and the body its completion takes. */
const TARGETS = [
  { node: 'shelter', service: 'shelter', outcomes: ['accept', 'decline'], completion: COMPLETED },
  { node: 'health', service: 'health', outcomes: ['accept', 'decline', 'complete'], completion: COMPLETED },
  { node: 'legal-aid', service: 'legal-aid', outcomes: ['accept', 'decline', 'complete'], completion: COMPLETED },
  // Accepted or declined only: completing a rehabilitation takes its assessment and a session first, a reintegration
  // its plan (docs/nodes/*.md), records the run does not make.
  { node: 'rehabilitation', service: 'social-rehabilitation', outcomes: ['accept', 'decline'], completion: COMPLETED },
  { node: 'reintegration', service: 'social-reintegration', outcomes: ['accept', 'decline'], completion: COMPLETED },
] as const;

export const DRIVEN_NODES = ['intake', ...TARGETS.map((t) => t.node), 'reporting'] as const;

/** The referrals of a run, drawn from the seed. */
export function planReferrals(count: number, random: Random): ReferralPlan[] {
  return Array.from({ length: count }, (_, index) => {
    const target = random.pick(TARGETS);
    return { index, node: target.node, service: target.service, outcome: random.pick(target.outcomes), confirmed: [] };
  });
}

class Gone extends Error {}

/** The node took the request but lost its answer (it died while answering): never repeat it, look it up. */
class AnswerLost extends Error {}

/**
 * Drives referrals as staff would, through each node's HTTP API: intake
 * registers a complaint and refers; the agency accepts, declines or accepts
 * and completes. Every POST carries an Idempotency-Key and is retried while
 * a node is down or restarting, so a fault never makes the run act twice.
 */
export class Driver {
  private readonly tokens = new Map<string, string>();
  private readonly passwords = new Map<string, string>();
  /** Referrals created at intake so far (the fault schedule follows it). */
  created = 0;

  constructor(
    private readonly network: Network,
    private readonly deadline: number,
    private readonly log: (line: string) => void,
  ) {}

  /** One case worker on every node that is driven. */
  async signIn(): Promise<void> {
    await Promise.all(
      DRIVEN_NODES.filter((name) => name !== 'reporting').map(async (name) => {
        const [, worker] = await this.network.createStaff(name, [{ username: 'chaos-worker', role: 'case-worker' }]);
        this.passwords.set(name, worker.password);
        this.tokens.set(name, await this.network.signIn(name, 'chaos-worker', worker.password));
      }),
    );
  }

  /** Runs every plan with `workers` in parallel; `mayStart(i)` holds referral i back while the schedule asks. */
  async run(plans: ReferralPlan[], workers: number, mayStart: (index: number) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < plans.length && Date.now() < this.deadline) {
        const plan = plans[next++];
        await mayStart(plan.index);
        try {
          await this.drive(plan);
        } catch (err) {
          plan.unfinished = err instanceof Error ? err.message : String(err);
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    for (const p of plans.slice(next)) p.unfinished ??= 'not started before the run deadline';
  }

  private async drive(plan: ReferralPlan): Promise<void> {
    const registered = await this.post('intake', '/cases', complaint(), 201);
    plan.caseId = registered.id as string;
    const victimId = (registered.victims as Array<{ id: string }>)[0].id;
    const agencyId = this.network.nodes.get(plan.node)!.agency;
    const referred = await this.post('intake', `/cases/${plan.caseId}/referrals`, { victimId, service: plan.service, agencyId }, 201).catch(
      async (err) => {
        if (!(err instanceof AnswerLost)) throw err;
        // The referral was made; the case holds it (its only one).
        const kase = await this.getJson('intake', `/cases/${plan.caseId}`);
        return { id: (kase.referrals as Array<{ id: string }>)[0].id };
      },
    );
    plan.referralId = referred.id as string;
    this.created++;
    // The agency sees it once the event has arrived: poll its API until then.
    await this.until(
      `referral ${plan.index} at ${plan.node}`,
      async () => (await this.get(plan.node, `/referrals/${plan.referralId}`)) === 200,
    );
    const answer = async (verb: string, body: unknown, state: string) => {
      await this.post(plan.node, `/referrals/${plan.referralId}/${verb}`, body, 200).catch(async (err) => {
        if (!(err instanceof AnswerLost)) throw err;
        const seen = await this.getJson(plan.node, `/referrals/${plan.referralId}`);
        if (seen.state !== state) throw new Error(`${verb} of referral ${plan.index}: answer lost and the state is ${String(seen.state)}`);
      });
      plan.confirmed.push(state);
    };
    if (plan.outcome === 'decline')
      return answer('decline', { code: 'no-capacity', reason: 'Tidak ada kapasitas (chaos run)' }, 'declined');
    await answer('accept', {}, 'accepted');
    if (plan.outcome === 'complete') await answer('complete', TARGETS.find((t) => t.node === plan.node)!.completion, 'completed');
  }

  private async getJson(node: string, path: string): Promise<Record<string, unknown>> {
    let body: Record<string, unknown> | undefined;
    await this.until(`GET ${path} at ${node}`, async () => {
      try {
        const res = await fetch(`${this.network.nodes.get(node)!.url}${path}`, {
          headers: { authorization: `Bearer ${this.tokens.get(node)}` },
          signal: AbortSignal.timeout(10000),
        });
        if (res.status === 401) await this.renew(node);
        if (res.status !== 200) return false;
        body = (await res.json()) as Record<string, unknown>;
        return true;
      } catch {
        return false;
      }
    });
    return body!;
  }

  private async until(what: string, probe: () => Promise<boolean>): Promise<void> {
    let wait = 100;
    while (Date.now() < this.deadline) {
      if (await probe()) return;
      await sleep(wait);
      wait = Math.min(wait * 2, 1000);
    }
    throw new Error(`${what}: not there before the run deadline`);
  }

  private async get(node: string, path: string): Promise<number> {
    try {
      const res = await fetch(`${this.network.nodes.get(node)!.url}${path}`, {
        headers: { authorization: `Bearer ${this.tokens.get(node)}` },
        signal: AbortSignal.timeout(10000),
      });
      await res.arrayBuffer();
      if (res.status === 401) await this.renew(node);
      return res.status;
    } catch {
      return 0; // the node is down or restarting
    }
  }

  /** POSTs until the node gives the expected answer; the same Idempotency-Key on every try. */
  private async post(node: string, path: string, body: unknown, expected: number): Promise<Record<string, unknown>> {
    const key = randomUUID();
    let wait = 100;
    let last = '';
    while (Date.now() < this.deadline) {
      try {
        const res = await fetch(`${this.network.nodes.get(node)!.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.tokens.get(node)}`, 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15000),
        });
        const text = await res.text();
        if (res.status === expected) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
        last = `${res.status} ${text.slice(0, 200)}`;
        if (res.status === 409 && text.includes('took effect')) throw new AnswerLost(`${node} POST ${path}: ${last}`);
        if (res.status === 401) await this.renew(node);
        else if (res.status >= 400 && res.status < 500 && res.status !== 409 && res.status !== 404)
          throw new Gone(`${node} POST ${path}: ${last}`);
      } catch (err) {
        if (err instanceof Gone || err instanceof AnswerLost) throw err;
        last = err instanceof Error ? err.message : String(err);
      }
      await sleep(wait);
      wait = Math.min(wait * 2, 2000);
    }
    throw new Error(`${node} POST ${path}: no answer ${expected} before the run deadline (last: ${last})`);
  }

  /** A token expired (or the node restarted with a new secret): sign in again. */
  private async renew(node: string): Promise<void> {
    try {
      this.tokens.set(node, await this.network.signIn(node, 'chaos-worker', this.passwords.get(node)!));
    } catch (err) {
      this.log(`sign-in at ${node} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** A walk-in complaint of one adult woman who consents to services and statistics (as the tests' walkInComplaint). */
function complaint() {
  return {
    channel: 'walk-in',
    kind: 'violence-against-women',
    riskLevel: 'medium',
    district: 'Kota Tanjungpinang',
    incident: { violenceTypes: ['physical'], place: 'household' },
    victims: [
      {
        name: `Korban ${randomBytes(6).toString('hex')}`,
        sex: 'female',
        ageYears: 30,
        district: 'Kota Tanjungpinang',
        consent: { services: true, statistics: true },
      },
    ],
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
