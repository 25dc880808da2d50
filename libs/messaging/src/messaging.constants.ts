export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');
export const TRANSPORT_HOOKS = Symbol('TRANSPORT_HOOKS');
/** The AgencyRegistry senders' roles come from. */
export const AGENCY_REGISTRY = Symbol('AGENCY_REGISTRY');
