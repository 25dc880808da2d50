/**
 * A dead letter's reason as one of a few fixed kinds, for counts that leave
 * the node (metrics, the bus team's status): reasons name fields and rules,
 * kinds name only the rule, so the label set stays small.
 */
export const DEAD_LETTER_KINDS = [
  'malformed',
  'misaddressed',
  'too-large',
  'invalid-envelope',
  'unknown-type',
  'sender-unknown',
  'sender-not-allowed',
  'invalid-payload',
  'no-handler',
  'rejected',
  'other',
] as const;
export type DeadLetterKind = (typeof DEAD_LETTER_KINDS)[number];

const RULES: Array<[RegExp, DeadLetterKind]> = [
  [/^rejected:/, 'rejected'],
  [/^no handler for /, 'no-handler'],
  [/^sender not allowed:|^sender \S+ is a /, 'sender-not-allowed'],
  [/^sender \S+ is not in the agency registry/, 'sender-unknown'],
  [/^invalid payload:/, 'invalid-payload'],
  [/^unknown event type or version:/, 'unknown-type'],
  [/^invalid envelope:|^envelope does not match its subject:/, 'invalid-envelope'],
  [/^body is larger than /, 'too-large'],
  [/^addressed to /, 'misaddressed'],
  [/^subject does not follow|^body is not|^body nests deeper|^forbidden keys:|^could not be inspected:/, 'malformed'],
];

/** The kind of a dead letter's reason (as DeadLetterStore writes them). */
export function deadLetterKind(reason: string): DeadLetterKind {
  return RULES.find(([rule]) => rule.test(reason))?.[1] ?? 'other';
}
