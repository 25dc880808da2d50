import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthSettings } from './auth.config.js';
import { AUTH_CLOCK, AUTH_SETTINGS, type Clock } from './auth.constants.js';
import { AccountsService } from './accounts.service.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import type { Principal } from './roles.js';
import { StaffAccountsRepository } from './staff-accounts.repository.js';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.js';
import { TotpSecrets } from './totp-secrets.js';

/**
 * Turning on a second factor (TOTP): the holder asks for a secret, adds it to
 * her authenticator app, and confirms with a code; she then gets ten recovery
 * codes, shown once and stored hashed, each good for one sign-in. The secret
 * is stored encrypted with the node's master key (TotpSecrets).
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: StaffAccountsRepository,
    private readonly accountsService: AccountsService,
    private readonly secrets: TotpSecrets,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  async begin(principal: Principal): Promise<{ secret: string; otpauthUri: string }> {
    const id = this.accountsService.localAccountOf(principal);
    const secret = newTotpSecret();
    const username = await this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.findForUpdate(manager, id);
      if (!account) throw new BadRequestException('no such account');
      if (account.secondFactor) throw new ConflictException('a second factor is on already: an administrator resets it for a new phone');
      await this.accounts.update(manager, id, { totpPendingSecret: this.secrets.seal(id, secret) }, false);
      return account.username;
    });
    return { secret, otpauthUri: otpauthUri(secret, `rujukan ${this.settings.agency}`, username) };
  }

  /** Turns the factor on with a code from the app; ends the account's sessions (sign in again, with a code). */
  async confirm(principal: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
    const id = this.accountsService.localAccountOf(principal);
    const recoveryCodes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.findForUpdate(manager, id);
      if (!account?.totpPendingSecret) throw new BadRequestException('ask for a secret first: POST /auth/second-factor');
      const step = matchTotp(this.secrets.open(id, account.totpPendingSecret), code, this.clock.now(), null);
      if (step === undefined) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          fields: { code: ['wrong or expired code'] },
          rules: { code: ['invalid'] },
        });
      }
      await this.accounts.update(
        manager,
        id,
        { totpSecret: account.totpPendingSecret, totpPendingSecret: null, totpLastStep: String(step) },
        true,
      );
      await this.accounts.replaceRecoveryCodes(manager, id, recoveryCodes.map(recoveryCodeHash));
    });
    return { recoveryCodes };
  }
}
