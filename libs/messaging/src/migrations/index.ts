import { MessagingTables1763900000000 } from './1763900000000-messaging-tables.js';
import { MessagingInboxCase1763900000150 } from './1763900000150-messaging-inbox-case.js';
import { MessagingInboxStreamSeq1763900000250 } from './1763900000250-messaging-inbox-stream-seq.js';
import { KeyStore1763900000300 } from './1763900000300-key-store.js';
import { MessagingSpentBodies1763900000350 } from './1763900000350-messaging-spent-bodies.js';
import { MessagingInboxCaseReceived1763900000360 } from './1763900000360-messaging-inbox-case-received.js';

/** Migrations of the messaging tables; every node lists them before its own. */
export const MESSAGING_MIGRATIONS = [
  MessagingTables1763900000000,
  MessagingInboxCase1763900000150,
  MessagingInboxStreamSeq1763900000250,
  KeyStore1763900000300,
  MessagingSpentBodies1763900000350,
  MessagingInboxCaseReceived1763900000360,
];
