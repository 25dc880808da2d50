import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { TOKEN_PATTERN } from './subjects.js';

/** Which node of which agency produced an event. */
export class EventSource {
  /** Agency id from the bus registry, e.g. `uptd-ppa-tanjungpinang`. */
  @Matches(TOKEN_PATTERN)
  agency: string;

  /** Node role, e.g. `intake`, `shelter`. */
  @Matches(TOKEN_PATTERN)
  node: string;
}

export const SPEC_VERSION = '1.0';

/**
 * The one envelope of every event. Field names follow CloudEvents
 * (`id`, `type`, `source`, `time` is `occurredAt`); the payload is the
 * contract's class, validated by producer and consumer alike.
 */
export class EventEnvelope<P = unknown> {
  @IsIn([SPEC_VERSION])
  specversion: string;

  @IsUUID()
  id: string;

  /** `<area>.<event>`, e.g. `referral.requested`. */
  @Matches(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/)
  type: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @ValidateNested()
  @Type(() => EventSource)
  source: EventSource;

  /** Addressed agency, or `all` for a broadcast. Matches the subject. */
  @IsString()
  @Matches(TOKEN_PATTERN)
  to: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;

  /** A case may have many victims: the one this event concerns, if any. */
  @IsOptional()
  @IsUUID()
  victimId?: string;

  @IsUUID()
  correlationId: string;

  @IsOptional()
  @IsUUID()
  causationId?: string;

  @IsObject()
  payload: P;

  /**
   * The contract's identifying fields, sealed to the receiving agency's
   * X25519 key (docs/security.md): `alg`, `kid` (the key's fingerprint),
   * `epk` (the sender's ephemeral public key), `nonce` and `data`, base64.
   */
  @IsOptional()
  @IsObject()
  encrypted?: Record<string, string>;

  /** The sending node's Ed25519 signature (base64) of the envelope without it, as canonical JSON. */
  @IsOptional()
  @IsString()
  signature?: string;

  /** While the sender rotates its signing key: the new key's signature of the same bytes (docs/security.md, "Rotation"). */
  @IsOptional()
  @IsString()
  nextSignature?: string;
}
