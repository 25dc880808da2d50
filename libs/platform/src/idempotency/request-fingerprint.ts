import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys sorted (arrays keep their order), so two
 * bodies that differ only in key order or whitespace read the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What makes two requests "the same" for an Idempotency-Key. */
export interface RequestIdentity {
  method: string;
  /** The request's path as sent (ids included), without the query string. */
  path: string;
  query?: unknown;
  /** The authenticated account (issuer and staff id). */
  account: string;
  body: unknown;
}

/** SHA-256 (hex) of the method, path, query, account and canonical body. */
export function requestFingerprint(r: RequestIdentity): string {
  const query = r.query && typeof r.query === 'object' && Object.keys(r.query).length ? r.query : null;
  return createHash('sha256')
    .update(canonicalJson({ method: r.method.toUpperCase(), path: r.path, query, account: r.account, body: r.body ?? null }))
    .digest('hex');
}
