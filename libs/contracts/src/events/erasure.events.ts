import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { defineEvent } from '../define-event.js';
import { SERVICE_ROLES } from '../domain/vocabulary.js';
import { TOKEN_PATTERN } from '../subjects.js';
import { ActorV1 } from './referral.events.js';

/**
 * A victim's erasure on request (UU 27/2022 art. 8; design.md section 9):
 * intake asks every agency it sent her data to, each erases (destroys her data
 * key, purges her rows, outbox bodies and dead letters) or, under a recorded
 * legal hold, keeps her; each forwards the request to every agency it sent her
 * data to (legal aid: the health agency of a visum request) and answers intake.
 * The envelope names her (intake's victim id); nothing in either identifies her.
 */
export class ErasureRequestedV1 {
  /** Intake's id for this request: every answer names it. */
  @IsUUID()
  erasureId: string;

  /** The intake agency that asked: where every answer goes, also from an agency the request was forwarded to. */
  @IsString()
  @Matches(TOKEN_PATTERN)
  answerTo: string;

  @ValidateNested()
  @Type(() => ActorV1)
  actor: ActorV1;
}

export const ERASURE_OUTCOMES = ['erased', 'retained'] as const;
export type ErasureOutcome = (typeof ERASURE_OUTCOMES)[number];

export class ErasureAnsweredV1 {
  @IsUUID()
  erasureId: string;

  @IsIn(ERASURE_OUTCOMES)
  outcome: ErasureOutcome;

  /** Why she is retained: the legal hold's recorded reason (only with `retained`). */
  @ValidateIf((a: ErasureAnsweredV1) => a.outcome === 'retained' || a.legalHold !== undefined)
  @IsString()
  @MaxLength(500)
  legalHold?: string;

  /** The agencies this one forwarded the request to (they answer intake themselves). */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Matches(TOKEN_PATTERN, { each: true })
  forwardedTo?: string[];
}

/** From intake to the agencies it referred her to, and from legal aid onward to the health agency it asked for a visum. */
export const ErasureRequested = defineEvent({
  area: 'erasure',
  event: 'requested',
  version: 1,
  payload: ErasureRequestedV1,
  senders: ['intake', 'legal-aid'],
  receivers: SERVICE_ROLES,
});
/** Each agency's answer, to the intake agency that asked. A legal hold's reason is staff's own words: sealed. */
export const ErasureAnswered = defineEvent({
  area: 'erasure',
  event: 'answered',
  version: 1,
  payload: ErasureAnsweredV1,
  senders: SERVICE_ROLES,
  receivers: ['intake'],
  sealed: ['legalHold'],
});

/**
 * From intake to the intake agency it handed her case over to (its own
 * contract: the released erasure.requested names only service receivers).
 * The envelope names her by the sender's id; the receiver finds the victim it
 * took over with it, erases her, forwards to the agencies it referred her to
 * (who answer the asking intake) and answers with erasure.handover-answered.
 */
export const ErasureOfHandOverRequested = defineEvent({
  area: 'erasure',
  event: 'handover-requested',
  version: 1,
  payload: ErasureRequestedV1,
  senders: ['intake'],
  receivers: ['intake'],
});
/** The receiving intake's answer to the intake that handed her over. */
export const ErasureOfHandOverAnswered = defineEvent({
  area: 'erasure',
  event: 'handover-answered',
  version: 1,
  payload: ErasureAnsweredV1,
  senders: ['intake'],
  receivers: ['intake'],
  sealed: ['legalHold'],
});
