import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { AuthSettings } from './auth.config.js';
import { AccessRecordInterceptor } from './access-record.interceptor.js';
import { AccessRecordsQuery } from './access-records.query.js';
import { NodeKeys } from '@rujukan/messaging';
import { AUTH_CLOCK, AUTH_NODE_KEYS, AUTH_SETTINGS, SYSTEM_CLOCK } from './auth.constants.js';
import { AccountsService } from './accounts.service.js';
import { AuthGuard } from './auth.guard.js';
import { SignInHttpController, StaffHttpController } from './auth.http.controller.js';
import { OwnershipRegistry } from './ownership.js';
import { SecondFactorService } from './second-factor.service.js';
import { SignInAddressGuard, UnknownUsernameFailures } from './sign-in-limits.js';
import { SignInService } from './sign-in.service.js';
import { SealTotpSecretsAtStart } from './seal-totp-secrets.js';
import { StaffAccountsRepository } from './staff-accounts.repository.js';
import { TokenService } from './token.service.js';
import { LiveStreams } from './live-streams.js';
import { SessionService } from './session.service.js';
import { StaffSessionsRepository } from './staff-sessions.repository.js';
import { TotpSecrets } from './totp-secrets.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { DraftKeys } from './draft-keys.js';
import { RegisterLookups } from './register-lookups.js';

/**
 * Sign-in, roles and access records for one node. Needs AUTH_ENTITIES and AUTH_MIGRATIONS in the data source.
 * With the node's key file, TOTP secrets are encrypted at rest with its master key; without one, kept in plain.
 */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings, keys: { nodeKeyFile?: string } = {}): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      // AgencyKeysHttpController needs the bus's registry: NodeCoreModule, which has both, mounts it.
      controllers: [SignInHttpController, StaffHttpController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        { provide: TokenService, useValue: new TokenService(settings) },
        { provide: AUTH_CLOCK, useValue: SYSTEM_CLOCK },
        { provide: AUTH_NODE_KEYS, useFactory: () => (keys.nodeKeyFile ? NodeKeys.loadOrCreate(keys.nodeKeyFile) : null) },
        TotpSecrets,
        SealTotpSecretsAtStart,
        OwnershipRegistry,
        StaffAccountsRepository,
        AccountsService,
        SignInService,
        SecondFactorService,
        StaffSessionsRepository,
        SessionService,
        LiveStreams,
        OidcSignInService,
        DraftKeys,
        RegisterLookups,
        UnknownUsernameFailures,
        SignInAddressGuard,
        AccessRecordsQuery,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessRecordInterceptor },
      ],
      exports: [TokenService, OwnershipRegistry, AccountsService, SignInService, SessionService, LiveStreams],
    };
  }
}
