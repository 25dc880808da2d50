import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { AgencyDirectory, type NodeConfig } from '@rujukan/platform';
import { ReferralLookupQuery, ServiceNodeModule, referralOwnership } from '@rujukan/service-node';
import { AnswerVisumRequestHttpController } from './answer-visum-request/answer-visum-request.http.controller.js';
import { AnswerVisumRequestService } from './answer-visum-request/answer-visum-request.service.js';
import { HealthRecord, SEALED_HEALTH_RECORD } from './health-records/health-record.entity.js';
import { HealthRecordRepository } from './health-records/health-record.repository.js';
import { ListVisumRequestsHttpController } from './list-visum-requests/list-visum-requests.http.controller.js';
import { HealthRecords1763900004000 } from './migrations/1763900004000-health-records.js';
import { HealthVisum1763900004010 } from './migrations/1763900004010-health-visum.js';
import { HealthRecordsQuery } from './queries/health-records.query.js';
import { VisumRequestsQuery } from './queries/visum-requests.query.js';
import { KeepWhenVisumRequested } from './receive-visum-request/keep-when-visum-requested.event-handler.js';
import { ReceiveVisumRequestService } from './receive-visum-request/receive-visum-request.service.js';
import { RecordCareHttpController } from './record-care/record-care.http.controller.js';
import { HEALTH_DIRECTORY, RecordCareService } from './record-care/record-care.service.js';
import { ViewHealthRecordsHttpController } from './view-health-records/view-health-records.http.controller.js';
import { matchVisumRequest } from './visum/visum-matching.js';
import { SEALED_VISUM_REQUEST, VisumRequest } from './visum/visum-request.entity.js';
import { VisumRequestRepository } from './visum/visum-request.repository.js';

@Module({})
class HealthRecordsModule {
  static register(directory: AgencyDirectory): DynamicModule {
    return {
      module: HealthRecordsModule,
      controllers: [RecordCareHttpController, ViewHealthRecordsHttpController],
      providers: [RecordCareService, HealthRecordRepository, HealthRecordsQuery, { provide: HEALTH_DIRECTORY, useValue: directory }],
    };
  }
}

@Module({
  controllers: [ListVisumRequestsHttpController, AnswerVisumRequestHttpController, KeepWhenVisumRequested],
  providers: [ReceiveVisumRequestService, AnswerVisumRequestService, VisumRequestRepository, VisumRequestsQuery],
})
class VisumModule implements OnModuleInit {
  constructor(
    private readonly ownership: OwnershipRegistry,
    private readonly referrals: ReferralLookupQuery,
  ) {}

  /**
   * A visum request is the case worker's who holds the health referral it
   * was issued under, or now matches; one no referral holds yet is the
   * unit's (any case worker may decline it).
   */
  onModuleInit(): void {
    this.ownership.register('visum-request', async (manager, id, staff) => {
      const request = await manager.getRepository(VisumRequest).findOneBy({ id });
      if (!request) return 'missing';
      const referralId = request.referralId ?? matchVisumRequest(request, await this.referrals.ofVictim(manager, request.victimId));
      if (!referralId) return 'own';
      return referralOwnership(manager, referralId, staff, 'own');
    });
  }
}

/**
 * Health services (Puskesmas, hospital PPT/PKT): the shared referral inbox
 * (completion by POST /referrals/:id/complete), visits, examinations,
 * treatment, referrals up to a hospital, psychological first aid, and visum
 * et repertum for the police.
 */
@Module({})
export class HealthModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: HealthModule,
      imports: [
        ServiceNodeModule.forRoot({
          config,
          completion: 'endpoint',
          entities: [HealthRecord, VisumRequest],
          sealed: [SEALED_HEALTH_RECORD, SEALED_VISUM_REQUEST],
          migrations: [HealthRecords1763900004000, HealthVisum1763900004010],
          imports: [HealthRecordsModule.register(AgencyDirectory.fromFile(config.directoryPath)), VisumModule],
        }),
      ],
    };
  }
}
