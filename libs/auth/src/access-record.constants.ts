export const ACCESS_RECORD_CHAIN_SETTINGS = Symbol('ACCESS_RECORD_CHAIN_SETTINGS');
/** The node's keys (NodeKeys), or null when the node has no key file. */
export const NODE_KEYS = Symbol('NODE_KEYS');
