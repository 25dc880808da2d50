import { DynamicModule, Module } from '@nestjs/common';
import { AgencyDirectory, type NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';
import { LegalCase, LegalStageRecord } from './legal-case/legal-case.entity.js';
import { LegalCaseHttpController } from './legal-case/legal-case.http.controller.js';
import { LegalCaseService } from './legal-case/legal-case.service.js';
import { Accompaniment, CounselAssignment, Diversion, RestitutionClaim } from './legal-support/legal-support.entities.js';
import { LegalSupportHttpController } from './legal-support/legal-support.http.controller.js';
import { LegalSupportService } from './legal-support/legal-support.service.js';
import { LegalAidCases1763900005000 } from './migrations/1763900005000-legal-aid-cases.js';
import { LegalAidSupport1763900005010 } from './migrations/1763900005010-legal-aid-support.js';
import { LegalAidVisum1763900005020 } from './migrations/1763900005020-legal-aid-visum.js';
import { VisumRequestOut } from './visum/visum-request.entity.js';
import { VisumEventHandler } from './visum/visum.event-handler.js';
import { VisumHttpController } from './visum/visum.http.controller.js';
import { LEGAL_AID_DIRECTORY, VisumService } from './visum/visum.service.js';

/** Every record here hangs off a referral (`/referrals/:id/...`): the inbox's ownership rule for 'referral' covers them. */
@Module({ controllers: [LegalCaseHttpController], providers: [LegalCaseService] })
class LegalCaseModule {}

@Module({ controllers: [LegalSupportHttpController], providers: [LegalSupportService] })
class LegalSupportModule {}

@Module({})
class VisumModule {
  static register(directory: AgencyDirectory): DynamicModule {
    return {
      module: VisumModule,
      controllers: [VisumHttpController, VisumEventHandler],
      providers: [VisumService, { provide: LEGAL_AID_DIRECTORY, useValue: directory }],
    };
  }
}

/**
 * Law enforcement and legal aid (police Unit PPA, prosecutors, LBH): the
 * shared referral inbox (completion by POST /referrals/:id/complete), the
 * police report and the case's stages to the verdict, counsel,
 * accompaniment, restitution, diversion, and visum requests to health agencies.
 */
@Module({})
export class LegalAidModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: LegalAidModule,
      imports: [
        ServiceNodeModule.forRoot({
          config,
          completion: 'endpoint',
          entities: [LegalCase, LegalStageRecord, CounselAssignment, Accompaniment, RestitutionClaim, Diversion, VisumRequestOut],
          migrations: [LegalAidCases1763900005000, LegalAidSupport1763900005010, LegalAidVisum1763900005020],
          imports: [LegalCaseModule, LegalSupportModule, VisumModule.register(AgencyDirectory.fromFile(config.directoryPath))],
        }),
      ],
    };
  }
}
