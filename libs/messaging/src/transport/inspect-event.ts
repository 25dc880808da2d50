import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  EventContract,
  EventEnvelope,
  findContract,
  missingNestedObjects,
  parseSubject,
  senderRoleProblem,
  type RegisteredSender,
  type SubjectParts,
} from '@rujukan/contracts';
import { describe } from '../bus-connection.js';
import type { Unprotected } from '../keys/envelope-protection.js';
import { formatValidationErrors, validatePayload } from '../transaction/validate-payload.js';
import { jsonNestsDeeperThan, prototypeKeyPaths } from './json-limits.js';

export type Inspection =
  | { ok: true; envelope: EventEnvelope<object>; contract: EventContract }
  | { ok: false; reason: string; eventId?: string; pattern?: string; envelope?: EventEnvelope };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Bounds checked on the raw body before it is parsed or transformed, and who may send what. */
export interface InspectionLimits {
  maxBytes: number;
  maxDepth: number;
  /** Resolves the sending agency's role (the agency registry); an unregistered sender is refused. */
  registry: { roleOf(agency: string): string | undefined };
  /** This node's own role: what an addressed event's receivers must include. */
  role: string;
  /** Verifies the sender's signature and opens the sealed fields (absent: unit tests of the other checks). */
  protection?: { unprotect(json: Record<string, unknown>, contract: Pick<EventContract, 'sealed'>, sender: string): Unprotected };
}

/**
 * Everything that makes an event permanently unusable is found here, before
 * any transaction: unreadable body, subject off the layout, invalid envelope,
 * a sender or addressee that does not match the subject, an unknown type or
 * version, a sender the agency registry does not know or whose role may not
 * send the contract, a signature that does not verify with the sender's key,
 * sealed fields that do not open with this node's, an invalid payload. Unknown fields are dropped, not refused;
 * keys that reach a prototype are refused. Size and nesting are bounded first:
 * class-transformer copies recursively and overflows the stack on deep input.
 * Never throws: anything unexpected is a failed inspection naming the error's
 * class (never values).
 */
export async function inspectEvent(
  prefix: string,
  agency: string,
  subject: string,
  data: Uint8Array,
  limits: InspectionLimits,
): Promise<Inspection> {
  const parts = parseSubject(prefix, subject);
  if (!parts) return { ok: false, reason: `subject does not follow <prefix>.<area>.<event>.v<N>.<from>.<to>` };
  const pattern = `${parts.area}.${parts.event}.v${parts.version}`;
  if (parts.to !== agency && parts.to !== 'all') {
    return { ok: false, reason: `addressed to ${parts.to}, not to this agency`, pattern };
  }

  if (data.length > limits.maxBytes) return { ok: false, reason: `body is larger than ${limits.maxBytes} bytes`, pattern };
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch {
    return { ok: false, reason: 'body is not UTF-8 JSON', pattern };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, reason: 'body is not a JSON object', pattern };
  const rawId = (json as { id?: unknown }).id;
  const eventId = typeof rawId === 'string' ? rawId.slice(0, 100) : undefined;
  // JSON.parse is iterative and safe on deep input; the recursive steps below are not.
  if (jsonNestsDeeperThan(data, limits.maxDepth)) {
    return { ok: false, reason: `body nests deeper than ${limits.maxDepth} levels`, eventId, pattern };
  }
  const prototypeKeys = prototypeKeyPaths(json);
  if (prototypeKeys.length) return { ok: false, reason: `forbidden keys: ${prototypeKeys.join(', ')}`, eventId, pattern };

  try {
    return await inspectParsed(parts, pattern, json, eventId, limits);
  } catch (err) {
    // A stack overflow or a throwing transform: keep the id so the dead-letter store still deduplicates re-sends.
    return { ok: false, reason: `could not be inspected: ${describe(err)}`, eventId, pattern };
  }
}

async function inspectParsed(
  parts: SubjectParts,
  pattern: string,
  json: object,
  eventId: string | undefined,
  limits: InspectionLimits,
): Promise<Inspection> {
  const envelope = plainToInstance(EventEnvelope, json) as EventEnvelope<object>;
  const envelopeErrors = formatValidationErrors([
    ...(await validate(envelope, { whitelist: true, validationError: { target: false, value: false } })),
    ...missingNestedObjects(envelope),
  ]);
  if (envelopeErrors.length) return { ok: false, reason: `invalid envelope: ${envelopeErrors.join('; ')}`, eventId, pattern };

  const mismatches: string[] = [];
  if (envelope.type !== `${parts.area}.${parts.event}`) mismatches.push('type');
  if (envelope.version !== parts.version) mismatches.push('version');
  if (envelope.source.agency !== parts.from) mismatches.push('source agency');
  if (envelope.to !== parts.to) mismatches.push('addressee');
  if (mismatches.length) {
    return { ok: false, reason: `envelope does not match its subject: ${mismatches.join(', ')}`, eventId, pattern };
  }

  const contract = findContract(pattern);
  if (!contract) return { ok: false, reason: `unknown event type or version: ${pattern}`, eventId, pattern, envelope };

  // The role comes from the registry, never from the envelope; the subject's sender is the bus-checked one.
  const role = limits.registry.roleOf(parts.from);
  if (role === undefined) {
    return { ok: false, reason: `sender ${parts.from} is not in the agency registry`, eventId, pattern, envelope };
  }
  if (envelope.source.node !== role) {
    return { ok: false, reason: `sender ${parts.from} is a ${role} agency, not ${envelope.source.node}`, eventId, pattern, envelope };
  }
  const sender: RegisteredSender = { agency: parts.from, role };
  const roleProblem = senderRoleProblem(contract, sender, parts.to === 'all' ? undefined : limits.role);
  if (roleProblem) return { ok: false, reason: `sender not allowed: ${roleProblem}`, eventId, pattern, envelope };

  // Signature before anything is opened or validated: a forged or altered envelope goes no further.
  const opened = limits.protection
    ? limits.protection.unprotect(json as Record<string, unknown>, contract, parts.from)
    : { ok: true as const, payload: (json as { payload?: unknown }).payload };
  if (!opened.ok) return { ok: false, reason: opened.reason, eventId, pattern, envelope };
  const { value, errors } = await validatePayload(contract.payload as new () => object, opened.payload, 'consume');
  if (errors.length) return { ok: false, reason: `invalid payload: ${errors.join('; ')}`, eventId, pattern, envelope };
  const payloadProblem = contract.senderProblem?.(value, sender);
  if (payloadProblem) return { ok: false, reason: `sender not allowed: ${payloadProblem}`, eventId, pattern, envelope };
  envelope.payload = value;
  return { ok: true, envelope, contract };
}
