import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { AgencyDirectory, type NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule, holderOwnership } from '@rujukan/service-node';
import { HealthRecord } from './health-records/health-record.entity.js';
import { HealthRecordsHttpController } from './health-records/health-records.http.controller.js';
import { HEALTH_DIRECTORY, HealthRecordsService } from './health-records/health-records.service.js';
import { HealthRecords1763900004000 } from './migrations/1763900004000-health-records.js';
import { HealthVisum1763900004010 } from './migrations/1763900004010-health-visum.js';
import { candidatesFor, matchVisumRequest } from './visum/visum-matching.js';
import { VisumRequest } from './visum/visum-request.entity.js';
import { VisumEventHandler } from './visum/visum.event-handler.js';
import { VisumHttpController } from './visum/visum.http.controller.js';
import { VisumService } from './visum/visum.service.js';

@Module({})
class HealthRecordsModule {
  static register(directory: AgencyDirectory): DynamicModule {
    return {
      module: HealthRecordsModule,
      controllers: [HealthRecordsHttpController],
      providers: [HealthRecordsService, { provide: HEALTH_DIRECTORY, useValue: directory }],
    };
  }
}

@Module({ controllers: [VisumHttpController, VisumEventHandler], providers: [VisumService] })
class VisumModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  /**
   * A visum request is the case worker's who holds the health referral it
   * was issued under, or now matches; one no referral holds yet is the
   * unit's (any case worker may decline it).
   */
  onModuleInit(): void {
    this.ownership.register('visum-request', async (manager, id, staff) => {
      const request = await manager.getRepository(VisumRequest).findOneBy({ id });
      if (!request) return 'missing';
      const referralId = request.referralId ?? matchVisumRequest(request, await candidatesFor(manager, request.victimId));
      if (!referralId) return 'own';
      const rows: Array<{ assignee_id: string | null }> = await manager.query(
        `SELECT assignee_id FROM incoming_referral WHERE referral_id = $1`,
        [referralId],
      );
      return holderOwnership(rows[0]?.assignee_id ?? null, staff.staffId);
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
          migrations: [HealthRecords1763900004000, HealthVisum1763900004010],
          imports: [HealthRecordsModule.register(AgencyDirectory.fromFile(config.directoryPath)), VisumModule],
        }),
      ],
    };
  }
}
