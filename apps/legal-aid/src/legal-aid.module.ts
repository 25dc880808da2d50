import { DynamicModule, Module } from '@nestjs/common';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';

/**
 * Law enforcement and legal aid. For now the shared referral inbox only:
 * receive, accept, decline with a reason, complete with the provider's note.
 */
@Module({})
export class LegalAidModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: LegalAidModule,
      imports: [ServiceNodeModule.forRoot({ config, completion: 'endpoint', migrations: [] })],
    };
  }
}
