import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { isSealedAtRest, openAtRest, sealAtRest, type NodeKeys } from '@rujukan/messaging';
import { AUTH_NODE_KEYS } from './auth.constants.js';

/**
 * TOTP secrets at rest: encrypted with the master key of the node's key file
 * (AES-256-GCM, bound to the account's id), so a database dump or backup holds
 * none. A node without a key file (a trial without keys) keeps them in plain;
 * a plain one read on a node with a key file still works (sealed at start).
 */
@Injectable()
export class TotpSecrets {
  constructor(@Inject(AUTH_NODE_KEYS) private readonly keys: NodeKeys | null) {}

  /** True when this node encrypts the secrets (it has a key file). */
  get encrypted(): boolean {
    return this.keys !== null;
  }

  /** What is stored for an account's secret. */
  seal(accountId: string, secret: string): string {
    return this.keys ? sealAtRest(this.keys.masterKey, secret, associatedData(accountId)) : secret;
  }

  /** The base32 secret from what is stored. */
  open(accountId: string, stored: string): string {
    if (!isSealedAtRest(stored)) return stored;
    if (!this.keys)
      throw new ServiceUnavailableException('the second factor cannot be checked: this node has lost its key file (NODE_KEY_FILE)');
    return openAtRest(this.keys.masterKey, stored, associatedData(accountId));
  }
}

function associatedData(accountId: string): string {
  return `staff_account.totp:${accountId}`;
}
