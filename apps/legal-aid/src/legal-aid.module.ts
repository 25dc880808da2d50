import { DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { AgencyDirectory, type NodeConfig } from '@rujukan/platform';
import { ErasureOnward, ServiceNodeModule } from '@rujukan/service-node';
import { KeepWhenVisumAnswered } from './keep-visum-answer/keep-when-visum-answered.event-handler.js';
import { KeepVisumAnswerService } from './keep-visum-answer/keep-visum-answer.service.js';
import { LegalCase, LegalStageRecord, SEALED_LEGAL_CASE } from './legal-case/legal-case.entity.js';
import { LegalCaseRepository } from './legal-case/legal-case.repository.js';
import {
  Accompaniment,
  CounselAssignment,
  Diversion,
  RestitutionClaim,
  SEALED_LEGAL_SUPPORT,
} from './legal-support/legal-support.entities.js';
import { LegalSupportRepository } from './legal-support/legal-support.repository.js';
import { ListVisumRequestsHttpController } from './list-visum-requests/list-visum-requests.http.controller.js';
import { LegalAidCases1763900005000 } from './migrations/1763900005000-legal-aid-cases.js';
import { LegalAidSupport1763900005010 } from './migrations/1763900005010-legal-aid-support.js';
import { LegalAidVisum1763900005020 } from './migrations/1763900005020-legal-aid-visum.js';
import { LegalCasesQuery } from './queries/legal-cases.query.js';
import { VisumRequestsQuery } from './queries/visum-requests.query.js';
import { RecordLegalStageHttpController } from './record-legal-stage/record-legal-stage.http.controller.js';
import { RecordLegalStageService } from './record-legal-stage/record-legal-stage.service.js';
import { RecordLegalSupportHttpController } from './record-legal-support/record-legal-support.http.controller.js';
import { RecordLegalSupportService } from './record-legal-support/record-legal-support.service.js';
import { RequestVisumHttpController } from './request-visum/request-visum.http.controller.js';
import { LEGAL_AID_DIRECTORY, RequestVisumService } from './request-visum/request-visum.service.js';
import { ViewLegalCasesHttpController } from './view-legal-cases/view-legal-cases.http.controller.js';
import { SEALED_VISUM_REQUEST_OUT, VisumRequestOut } from './visum/visum-request.entity.js';
import { VisumRequestRepository } from './visum/visum-request.repository.js';

/** Every record here hangs off a referral (`/referrals/:id/...`): the inbox's ownership rule for 'referral' covers them. */
@Module({
  controllers: [RecordLegalStageHttpController, ViewLegalCasesHttpController],
  providers: [RecordLegalStageService, LegalCaseRepository, LegalCasesQuery],
  exports: [LegalCasesQuery],
})
class LegalCaseModule {}

@Module({
  controllers: [RecordLegalSupportHttpController],
  providers: [RecordLegalSupportService, LegalSupportRepository],
})
class LegalSupportModule {}

@Module({})
class VisumModule implements OnModuleInit {
  constructor(
    private readonly onward: ErasureOnward,
    private readonly visums: VisumRequestRepository,
  ) {}

  /** A victim's erasure goes on to the health agencies this node asked for her visum (they hold her through it). */
  onModuleInit(): void {
    this.onward.register((tx, victimId) => this.visums.healthAgenciesOf(tx, victimId));
  }

  static register(directory: AgencyDirectory): DynamicModule {
    return {
      module: VisumModule,
      controllers: [RequestVisumHttpController, ListVisumRequestsHttpController, KeepWhenVisumAnswered],
      providers: [
        RequestVisumService,
        KeepVisumAnswerService,
        VisumRequestRepository,
        VisumRequestsQuery,
        { provide: LEGAL_AID_DIRECTORY, useValue: directory },
      ],
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
          sealed: [SEALED_LEGAL_CASE, ...SEALED_LEGAL_SUPPORT, SEALED_VISUM_REQUEST_OUT],
          migrations: [LegalAidCases1763900005000, LegalAidSupport1763900005010, LegalAidVisum1763900005020],
          imports: [LegalCaseModule, LegalSupportModule, VisumModule.register(AgencyDirectory.fromFile(config.directoryPath))],
        }),
      ],
    };
  }
}
