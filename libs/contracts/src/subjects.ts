/**
 * Subject layout, decided once for the whole network (docs/messaging.md):
 *
 *   <prefix>.<area>.<event>.v<version>.<from>.<to>
 *
 * `from` is the sending agency, `to` the addressed agency or BROADCAST. Every
 * position after the prefix is a single token, so bus permissions and consumer
 * filters are plain wildcards (`<prefix>.*.*.*.<agency>.*` may be published by
 * that agency; `<prefix>.*.*.*.*.<agency>` is its inbox).
 */
export const BROADCAST = 'all';

/** Area, event and agency tokens: lower case, digits and hyphens. */
export const TOKEN_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
/** A prefix is one or more tokens separated by dots. */
export const PREFIX_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

export interface SubjectParts {
  area: string;
  event: string;
  version: number;
  from: string;
  to: string;
}

/** Builds the subject for one event sent by `from` to `to`. */
export function buildSubject(prefix: string, parts: SubjectParts): string {
  for (const [name, token] of Object.entries({ area: parts.area, event: parts.event, from: parts.from, to: parts.to })) {
    if (!TOKEN_PATTERN.test(token)) throw new Error(`subject ${name} token "${token}" must match ${TOKEN_PATTERN}`);
  }
  if (!Number.isInteger(parts.version) || parts.version < 1) throw new Error(`version must be a positive integer`);
  return `${prefix}.${parts.area}.${parts.event}.v${parts.version}.${parts.from}.${parts.to}`;
}

/** Splits a subject under `prefix`; null when it does not follow the layout. */
export function parseSubject(prefix: string, subject: string): SubjectParts | null {
  if (!subject.startsWith(prefix + '.')) return null;
  const tokens = subject.slice(prefix.length + 1).split('.');
  if (tokens.length !== 5) return null;
  const [area, event, v, from, to] = tokens;
  const version = /^v[1-9][0-9]*$/.test(v) ? Number(v.slice(1)) : NaN;
  if (![area, event, from, to].every((t) => TOKEN_PATTERN.test(t)) || Number.isNaN(version)) return null;
  return { area, event, version, from, to };
}

/** Filter of an agency's inbox consumer, and the subject of its addressed stream: every event addressed to it. */
export function inboxFilter(prefix: string, agency: string): string {
  return `${prefix}.*.*.*.*.${agency}`;
}

/** Filter of a broadcast consumer, and the subject of the network's stream: every event addressed to the whole network. */
export function broadcastFilter(prefix: string): string {
  return `${prefix}.*.*.*.*.${BROADCAST}`;
}

/** Subjects an agency may publish on (for bus permissions). */
export function publishFilter(prefix: string, agency: string): string {
  return `${prefix}.*.*.*.${agency}.*`;
}
