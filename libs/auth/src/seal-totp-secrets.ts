import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { isSealedAtRest } from '@rujukan/messaging';
import { StaffAccountsRepository } from './staff-accounts.repository.js';
import { TotpSecrets } from './totp-secrets.js';

/**
 * At node start (a migration cannot read the key file): every TOTP secret
 * still in plain, from before secrets were encrypted, is encrypted with the
 * node's master key. Each row is replaced only if it still holds the plain
 * value, so two processes starting at once do no harm.
 */
@Injectable()
export class SealTotpSecretsAtStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly accounts: StaffAccountsRepository,
    private readonly secrets: TotpSecrets,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const plain = await this.accounts.plainTotpSecrets();
    if (!this.secrets.encrypted) {
      if (plain.length) this.logger.warn(`${plain.length} TOTP secrets are stored in plain: set NODE_KEY_FILE to encrypt them`);
      return;
    }
    let sealed = 0;
    for (const row of plain) {
      for (const column of ['totp_secret', 'totp_pending_secret'] as const) {
        const value = row[column];
        if (value === null || isSealedAtRest(value)) continue;
        if (await this.accounts.replaceTotpSecret(row.id, column, value, this.secrets.seal(row.id, value))) sealed++;
      }
    }
    if (sealed) this.logger.log(`encrypted ${sealed} TOTP secrets stored in plain with the node's master key`);
  }
}
