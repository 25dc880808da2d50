import { MessagingTables1763900000000 } from './1763900000000-messaging-tables.js';
import { MessagingInboxCase1763900000150 } from './1763900000150-messaging-inbox-case.js';

/** Migrations of the messaging tables; every node lists them before its own. */
export const MESSAGING_MIGRATIONS = [MessagingTables1763900000000, MessagingInboxCase1763900000150];
