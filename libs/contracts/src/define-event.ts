import { TOKEN_PATTERN } from './subjects.js';

export type PayloadClass<P> = new () => P;

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
}): EventContract<P> {
  if (!TOKEN_PATTERN.test(spec.area) || !TOKEN_PATTERN.test(spec.event)) {
    throw new Error(`event ${spec.area}.${spec.event}: area and event must match ${TOKEN_PATTERN}`);
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
