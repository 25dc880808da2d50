import { DeadLetter } from './dead-letter.entity.js';
import { InboxEntry } from './inbox-entry.entity.js';
import { OutboxEntry } from './outbox-entry.entity.js';

export { DeadLetter, InboxEntry, OutboxEntry };
/** Entities every node registers with its data source. */
export const MESSAGING_ENTITIES = [OutboxEntry, InboxEntry, DeadLetter];
