import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '@rujukan/contracts';

/** Test-only contracts: a note one node sends another, and a two-step item. */
export class NoteSentV1 {
  @IsUUID()
  noteId: string;

  @IsString()
  @MaxLength(200)
  text: string;

  /** Fault injection: the handler writes, then throws, until this delivery. */
  @IsOptional()
  @IsInt()
  @Min(1)
  failUntilDelivery?: number;

  /** Fault injection: the handler refuses the event with this reason. */
  @IsOptional()
  @IsString()
  refuse?: string;
}

export const NoteSent = defineEvent({ area: 'ledger', event: 'note-sent', version: 1, payload: NoteSentV1, senders: ['ledger'] });

export class ItemStepV1 {
  @IsUUID()
  itemId: string;
}

export const ItemAccepted = defineEvent({ area: 'ledger', event: 'item-accepted', version: 1, payload: ItemStepV1, senders: ['ledger'] });
export const ItemCompleted = defineEvent({ area: 'ledger', event: 'item-completed', version: 1, payload: ItemStepV1, senders: ['ledger'] });
