import { TOKEN_PATTERN } from './subjects.js';

export type PayloadClass<P> = new () => P;

/** The sending agency as the agency registry knows it: never what the envelope says about itself. */
export interface RegisteredSender {
  readonly agency: string;
  readonly role: string;
}

/** Every role may send it (receipts): the sender must still be in the registry. */
export const ANY_ROLE = '*';

/** One versioned event contract: its name, payload class and delivery rules. */
export interface EventContract<P = unknown> {
  readonly area: string;
  readonly event: string;
  readonly version: number;
  /** `<area>.<event>`: the envelope's `type`. */
  readonly type: string;
  /** `<area>.<event>.v<version>`: the pattern handlers subscribe to. */
  readonly pattern: string;
  readonly payload: PayloadClass<P>;
  /** Addressed events wait for the receiver's receipt and are re-sent until it comes. */
  readonly receipt: boolean;
  /** Roles (from the agency registry) whose agencies may send it; `[ANY_ROLE]` for every registered agency. */
  readonly senders: readonly string[];
  /** Roles whose agencies may receive it addressed; absent: any (broadcasts, receipts). */
  readonly receivers?: readonly string[];
  /** A rule on the payload and the registered sender (a service fact only from an agency of that service): the problem, or null. */
  readonly senderProblem?: (payload: P, sender: RegisteredSender) => string | null;
  /**
   * Payload fields that identify or locate a person: the outbox seals them to
   * the receiving agency's key (the envelope's `encrypted`), so the bus and
   * every other node see only the rest. Empty for de-identified events.
   */
  readonly sealed: readonly string[];
}

/** Why a registered sender may not send this contract to a receiver of this role, or null (checked before any handler). */
export function senderRoleProblem(contract: EventContract, sender: RegisteredSender, receiverRole: string | undefined): string | null {
  if (!contract.senders.includes(ANY_ROLE) && !contract.senders.includes(sender.role)) {
    return `${sender.agency} (role ${sender.role}) may not send ${contract.type}: only ${contract.senders.join(', ')} agencies may`;
  }
  if (receiverRole !== undefined && contract.receivers && !contract.receivers.includes(receiverRole)) {
    return `${contract.type} is not sent to this agency (role ${receiverRole}): only to ${contract.receivers.join(', ')} agencies`;
  }
  return null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one registry holds every contract's payload type
const registry = new Map<string, EventContract<any>>();

/** Declares an event contract and registers it so consumers can validate it by pattern. */
export function defineEvent<P>(spec: {
  area: string;
  event: string;
  version: number;
  payload: PayloadClass<P>;
  receipt?: boolean;
  senders: readonly string[];
  receivers?: readonly string[];
  senderProblem?: (payload: P, sender: RegisteredSender) => string | null;
  sealed?: ReadonlyArray<keyof P & string>;
}): EventContract<P> {
  if (!TOKEN_PATTERN.test(spec.area) || !TOKEN_PATTERN.test(spec.event)) {
    throw new Error(`event ${spec.area}.${spec.event}: area and event must match ${TOKEN_PATTERN}`);
  }
  if (!spec.senders.length) throw new Error(`event ${spec.area}.${spec.event}: name the roles that may send it`);
  if (spec.sealed?.length && spec.receivers === undefined) {
    // A broadcast has no one receiver to seal to: what it carries must be de-identified instead.
    throw new Error(`event ${spec.area}.${spec.event}: only an addressed event (with receivers) can seal fields`);
  }
  const type = `${spec.area}.${spec.event}`;
  const contract: EventContract<P> = Object.freeze({
    area: spec.area,
    event: spec.event,
    version: spec.version,
    type,
    pattern: `${type}.v${spec.version}`,
    payload: spec.payload,
    receipt: spec.receipt ?? true,
    senders: Object.freeze([...spec.senders]),
    receivers: spec.receivers && Object.freeze([...spec.receivers]),
    senderProblem: spec.senderProblem,
    sealed: Object.freeze([...(spec.sealed ?? [])]),
  });
  const existing = registry.get(contract.pattern);
  if (existing && existing.payload !== spec.payload) {
    throw new Error(`event ${contract.pattern} is defined twice with different payloads`);
  }
  registry.set(contract.pattern, contract);
  return contract;
}

/** The contract for a handler pattern (`<area>.<event>.v<N>`), if this process knows it. */
export function findContract(pattern: string): EventContract | undefined {
  return registry.get(pattern);
}

/** Every contract this process has loaded. */
export function allContracts(): EventContract[] {
  return [...registry.values()];
}
