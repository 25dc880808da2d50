import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { AgencyDirectory, type NodeConfig } from '@rujukan/platform';
import { ownedThroughReferral, ServiceNodeModule } from '@rujukan/service-node';
import { ReintegrationRecords1763900007000 } from './migrations/1763900007000-reintegration-records.js';
import { FollowUpVisit, ReintegrationPlan } from './reintegration-plan/reintegration-plan.entity.js';
import { ReintegrationPlanHttpController } from './reintegration-plan/reintegration-plan.http.controller.js';
import { ReintegrationPlanService } from './reintegration-plan/reintegration-plan.service.js';
import { AGENCY_DIRECTORY } from './reintegration.settings.js';
import { RepatriationJourney, RepatriationLeg } from './repatriation/repatriation-journey.entity.js';
import { RepatriationHttpController } from './repatriation/repatriation.http.controller.js';
import { RepatriationService } from './repatriation/repatriation.service.js';
import { RepatriationJourneyRepository } from './repatriation/repatriation-journey.repository.js';
import { ReintegrationPlanRepository } from './reintegration-plan/reintegration-plan.repository.js';
import { RepatriationJourneysQuery } from './queries/journeys.query.js';
import { ReintegrationPlansQuery } from './queries/reintegration-plans.query.js';

@Module({})
class ReintegrationRecordsModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  static register(directory: AgencyDirectory): DynamicModule {
    return {
      module: ReintegrationRecordsModule,
      controllers: [RepatriationHttpController, ReintegrationPlanHttpController],
      providers: [
        RepatriationService,
        ReintegrationPlanService,
        RepatriationJourneyRepository,
        ReintegrationPlanRepository,
        RepatriationJourneysQuery,
        ReintegrationPlansQuery,
        { provide: AGENCY_DIRECTORY, useValue: directory },
      ],
    };
  }

  onModuleInit(): void {
    // A journey or a plan is hers who holds its referral.
    this.ownership.register('journey', ownedThroughReferral('repatriation_journey'));
    this.ownership.register('reintegration-plan', ownedThroughReferral('reintegration_plan'));
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
