export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

/** The time sign-in and second factors go by; a test replaces it (`overrideProvider(AUTH_CLOCK)`). */
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');

export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** The node's keys (NodeKeys) for what auth keeps secret at rest, or null when the node has no key file. */
export const AUTH_NODE_KEYS = Symbol('AUTH_NODE_KEYS');
