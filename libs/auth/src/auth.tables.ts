import { AccessRecordChain1763900000210 } from './access-record-chain.migration.js';
import { AccessRecord } from './access-record.entity.js';
import { AuthAccountLifecycle1763900000220 } from './account-lifecycle.migration.js';
import { AuthTables1763900000200 } from './auth.migration.js';
import { StaffAccount } from './staff-account.entity.js';
import { AuthSessions1763900000280 } from './sessions.migration.js';
import { AuthDraftKeys1763900000290 } from './draft-keys.migration.js';
import { AuthOidcSignIn1763900000960 } from './oidc-sign-in.migration.js';

/** The auth library's entities, for every node's data source. */
export const AUTH_ENTITIES = [StaffAccount, AccessRecord];

/** The auth library's migrations, in order, for every node (libs/platform's NodeCoreModule lists them). */
export const AUTH_MIGRATIONS = [
  AuthTables1763900000200,
  AccessRecordChain1763900000210,
  AuthAccountLifecycle1763900000220,
  AuthSessions1763900000280,
  AuthDraftKeys1763900000290,
  AuthOidcSignIn1763900000960,
];
