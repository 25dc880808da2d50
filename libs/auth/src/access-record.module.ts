import { DynamicModule, Module } from '@nestjs/common';
import { NodeKeys } from '@rujukan/messaging';
import { AccessRecordChainQuery } from './access-record-chain.query.js';
import { AccessRecordHeadSigner, type AccessRecordChainSettings } from './access-record-head.signer.js';
import { ACCESS_RECORD_CHAIN_SETTINGS, NODE_KEYS } from './access-record.constants.js';
import { AccessRecordVerifier } from './verify-access-record.js';

/**
 * The access record's chain: its signed heads and its verifier. The node's
 * key file is loaded here, or made on the node's first start.
 */
@Module({})
export class AccessRecordModule {
  static forRoot(settings: AccessRecordChainSettings & { nodeKeyFile?: string }): DynamicModule {
    return {
      module: AccessRecordModule,
      providers: [
        { provide: ACCESS_RECORD_CHAIN_SETTINGS, useValue: settings },
        { provide: NODE_KEYS, useFactory: () => (settings.nodeKeyFile ? NodeKeys.loadOrCreate(settings.nodeKeyFile) : null) },
        AccessRecordChainQuery,
        AccessRecordHeadSigner,
        AccessRecordVerifier,
      ],
      exports: [NODE_KEYS, AccessRecordVerifier, AccessRecordHeadSigner],
    };
  }
}
