import { IsDateString } from 'class-validator';

export class MarkChangesSeenBody {
  /** The newest change she saw (its `at`): what arrived after it stays listed. */
  @IsDateString({ strict: true })
  upTo: string;
}

export class ChangesSeenView {
  /** Her last look now. */
  lookedAt: string;
}
