import { number, optionalText } from '@rujukan/contracts';
import type { ConfigSchema } from '@rujukan/contracts';

export interface AccessRecordSettings {
  /** Where the node appends its signed heads: a file the agency keeps off the node (a mounted share, another machine). */
  headsFile?: string;
  /** How often the head is signed when it moved. */
  signIntervalSeconds: number;
}

/** The access record's variables, for every node (docs/security.md). */
export const ACCESS_RECORD_SCHEMA = {
  headsFile: optionalText('ACCESS_RECORD_HEADS_FILE'),
  signIntervalSeconds: number('ACCESS_RECORD_SIGN_INTERVAL_SECONDS', {
    default: 300,
    blank: 'value',
    whole: true,
    min: 1,
    max: 86400,
    problem: 'ACCESS_RECORD_SIGN_INTERVAL_SECONDS must be a whole number of seconds from 1 to 86400',
  }),
} satisfies ConfigSchema;
