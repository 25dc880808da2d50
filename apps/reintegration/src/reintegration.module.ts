import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry, type Ownership } from '@rujukan/auth';
import { AgencyDirectory, type NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';
import type { EntityManager } from 'typeorm';
import { ReintegrationRecords1763900007000 } from './migrations/1763900007000-reintegration-records.js';
import { FollowUpVisit, ReintegrationPlan } from './reintegration-plan/reintegration-plan.entity.js';
import { ReintegrationPlanHttpController } from './reintegration-plan/reintegration-plan.http.controller.js';
import { ReintegrationPlanService } from './reintegration-plan/reintegration-plan.service.js';
import { AGENCY_DIRECTORY } from './reintegration.settings.js';
import { RepatriationJourney, RepatriationLeg } from './repatriation/repatriation-journey.entity.js';
import { RepatriationHttpController } from './repatriation/repatriation.http.controller.js';
import { RepatriationService } from './repatriation/repatriation.service.js';

/** Whose a record kept under a referral is: hers who holds the referral (or anyone's while unassigned). */
async function ownerOfReferralOf(manager: EntityManager, table: 'repatriation_journey' | 'reintegration_plan', id: string, staffId: string): Promise<Ownership> {
  const rows: Array<{ assignee_id: string | null }> = await manager.query(
    `SELECT r.assignee_id FROM ${table} x JOIN incoming_referral r ON r.referral_id = x.referral_id WHERE x.id = $1`,
    [id],
  );
  if (!rows.length) return 'missing';
  return !rows[0].assignee_id || rows[0].assignee_id === staffId ? 'own' : 'other';
}

@Module({})
class ReintegrationRecordsModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  static register(directory: AgencyDirectory): DynamicModule {
    return {
      module: ReintegrationRecordsModule,
      controllers: [RepatriationHttpController, ReintegrationPlanHttpController],
      providers: [RepatriationService, ReintegrationPlanService, { provide: AGENCY_DIRECTORY, useValue: directory }],
    };
  }

  onModuleInit(): void {
    this.ownership.register('journey', (manager, id, staff) => ownerOfReferralOf(manager, 'repatriation_journey', id, staff.staffId));
    this.ownership.register('reintegration-plan', (manager, id, staff) => ownerOfReferralOf(manager, 'reintegration_plan', id, staff.staffId));
  }
}

/**
 * Repatriation and social reintegration (BP3MI, Dinas Sosial, the origin
 * district's UPTD PPA): referral inbox, repatriation journeys handed over at
 * the origin district, reintegration plans with follow-up visits.
 */
@Module({})
export class ReintegrationModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: ReintegrationModule,
      imports: [
        ServiceNodeModule.forRoot({
          config,
          completion: 'by-node',
          entities: [RepatriationJourney, RepatriationLeg, ReintegrationPlan, FollowUpVisit],
          migrations: [ReintegrationRecords1763900007000],
          imports: [ReintegrationRecordsModule.register(AgencyDirectory.fromFile(config.directoryPath))],
        }),
      ],
    };
  }
}
