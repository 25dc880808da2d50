/**
 * Field names that identify a victim, a reporter, a perpetrator or a staff
 * member's secret: their values never reach a log line. Whatever object is
 * logged, at any depth, a key on this list is written as `[redacted]`; a
 * request's or event's body is never logged at all (`body`, `payload`,
 * `envelope`, `data`), since it is made of such fields.
 */
export const IDENTIFYING_FIELDS = [
  // people
  'name',
  'givenAs',
  'nik',
  'idNumber',
  'birthDate',
  'dateOfBirth',
  'ageYears',
  'address',
  'phone',
  'email',
  'reporter',
  'perpetrators',
  'victims',
  'victim',
  // what happened to her and how to keep her safe
  'narrative',
  'safetyNotes',
  'requestNotes',
  'notes',
  'note',
  'reason',
  // whole messages
  'body',
  'payload',
  'envelope',
  'data',
  'sealed',
  // secrets
  'password',
  'token',
  'authorization',
  'cookie',
  'secret',
] as const;

const REDACTED = new Set<string>(IDENTIFYING_FIELDS.map((f) => f.toLowerCase()));

/** The same paths for pino's own redaction (top level and one level down), as the first line of defence. */
export const PINO_REDACT_PATHS: string[] = IDENTIFYING_FIELDS.flatMap((f) => [f, `*.${f}`]);

export const CENSOR = '[redacted]';

/** A copy of `value` with every identifying field's value replaced, at any depth. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return CENSOR;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = REDACTED.has(key.toLowerCase()) ? CENSOR : redact(v, depth + 1);
  }
  return out;
}
