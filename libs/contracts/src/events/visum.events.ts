import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../define-event.js';
import { ActorV1 } from './referral.events.js';

/**
 * Visum et repertum: the police (through the legal-aid node) ask a health
 * agency in writing for a forensic medical report on a victim (KUHAP art.
 * 133); the health agency examines her and issues the report. Only the
 * request and the report's reference travel: the report itself, the
 * findings and the victim's identity never do. Both events name the case and
 * victim in the envelope (intake's ids, which both agencies know from their
 * own referrals); the health agency matches the request to its referral by them.
 */

/** What the examination is for: injuries, sexual violence, or the mind (visum et repertum psychiatricum). */
export const VISUM_KINDS = ['physical', 'sexual', 'psychiatric'] as const;
export type VisumKind = (typeof VISUM_KINDS)[number];

/** Why a health agency cannot issue one: no such patient here, cannot examine (no forensic doctor, too late), other. */
export const VISUM_DECLINE_REASONS = ['no-such-patient', 'cannot-examine', 'other'] as const;
export type VisumDeclineReason = (typeof VISUM_DECLINE_REASONS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VisumRequestedV1 {
  /** The requester's id for this request; the answers name it. */
  @IsUUID()
  requestId: string;

  @IsIn(VISUM_KINDS)
  kind: VisumKind;

  /** The investigator's request letter (surat permintaan visum): its number, a police reference. */
  @IsString()
  @MaxLength(100)
  letterNumber: string;

  /** Date of the request letter. */
  @Matches(DATE)
  @IsISO8601({ strict: true })
  requestedOn: string;

  @ValidateNested()
  @Type(() => ActorV1)
  actor: ActorV1;
}

export class VisumIssuedV1 {
  @IsUUID()
  requestId: string;

  /** The report's number at the health agency: how the investigator cites and obtains it. */
  @IsString()
  @MaxLength(100)
  referenceNumber: string;

  @Matches(DATE)
  @IsISO8601({ strict: true })
  issuedOn: string;

  @ValidateNested()
  @Type(() => ActorV1)
  actor: ActorV1;
}

export class VisumDeclinedV1 {
  @IsUUID()
  requestId: string;

  @IsIn(VISUM_DECLINE_REASONS)
  reason: VisumDeclineReason;

  /** A short explanation for the investigator (e.g. which hospital has a forensic doctor); no findings. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ValidateNested()
  @Type(() => ActorV1)
  actor: ActorV1;
}

/** Requests go from legal aid (for the police) to a health agency; the answers come back the same way. */
const REQUEST = { senders: ['legal-aid'], receivers: ['health'] } as const;
const ANSWER = { senders: ['health'], receivers: ['legal-aid'] } as const;

// The police letter's and the report's numbers find her records at the police and the hospital; a note is free text.
export const VisumRequested = defineEvent({
  area: 'visum',
  event: 'requested',
  version: 1,
  payload: VisumRequestedV1,
  ...REQUEST,
  sealed: ['letterNumber'],
});
export const VisumIssued = defineEvent({
  area: 'visum',
  event: 'issued',
  version: 1,
  payload: VisumIssuedV1,
  ...ANSWER,
  sealed: ['referenceNumber'],
});
export const VisumDeclined = defineEvent({
  area: 'visum',
  event: 'declined',
  version: 1,
  payload: VisumDeclinedV1,
  ...ANSWER,
  sealed: ['note'],
});
