import { ArrayMaxSize, IsArray, IsDateString, IsUUID, Matches } from 'class-validator';

/** An instant as `at` is answered: date, time and its offset (a week date, an ordinal date or a local time is not). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

export class MarkChangesSeenBody {
  /** The newest change she saw (its `at`): what arrived after it stays listed. */
  @IsDateString({ strict: true })
  @Matches(INSTANT, { message: 'upTo must be a date and time with its offset, as a change’s at is answered' })
  upTo: string;

  /** The changes she was shown (their `id`s): exactly these are seen, also one stamped before another she saw. */
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];
}

export class ChangesSeenView {
  /** Her last look now. */
  lookedAt: string;
}
