import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { AgencyDirectory, type NodeConfig } from '@rujukan/platform';
import { ownedThroughReferral, ServiceNodeModule } from '@rujukan/service-node';
import { AddJourneyLegsHttpController } from './add-journey-legs/add-journey-legs.http.controller.js';
import { AddJourneyLegsService } from './add-journey-legs/add-journey-legs.service.js';
import { CompleteReintegrationPlanHttpController } from './complete-reintegration-plan/complete-reintegration-plan.http.controller.js';
import { CompleteReintegrationPlanService } from './complete-reintegration-plan/complete-reintegration-plan.service.js';
import { HandOverJourneyHttpController } from './hand-over-journey/hand-over-journey.http.controller.js';
import { HandOverJourneyService } from './hand-over-journey/hand-over-journey.service.js';
import { MakeReintegrationPlanHttpController } from './make-reintegration-plan/make-reintegration-plan.http.controller.js';
import { MakeReintegrationPlanService } from './make-reintegration-plan/make-reintegration-plan.service.js';
import { ReintegrationRecords1763900007000 } from './migrations/1763900007000-reintegration-records.js';
import { ReintegrationRecordReferral1763900007100 } from './migrations/1763900007100-reintegration-record-referral.js';
import { PlanJourneyHttpController } from './plan-journey/plan-journey.http.controller.js';
import { PlanJourneyService } from './plan-journey/plan-journey.service.js';
import { RepatriationJourneysQuery } from './queries/journeys.query.js';
import { ReintegrationPlansQuery } from './queries/reintegration-plans.query.js';
import { RecordFollowUpVisitHttpController } from './record-follow-up-visit/record-follow-up-visit.http.controller.js';
import { RecordFollowUpVisitService } from './record-follow-up-visit/record-follow-up-visit.service.js';
import {
  FollowUpVisit,
  ReintegrationPlan,
  SEALED_FOLLOW_UP_VISIT,
  SEALED_REINTEGRATION_PLAN,
} from './reintegration-plan/reintegration-plan.entity.js';
import { ReintegrationPlanRepository } from './reintegration-plan/reintegration-plan.repository.js';
import { AGENCY_DIRECTORY } from './reintegration.settings.js';
import { RepatriationJourney, RepatriationLeg, SEALED_JOURNEY, SEALED_LEG } from './repatriation/repatriation-journey.entity.js';
import { RepatriationJourneyRepository } from './repatriation/repatriation-journey.repository.js';
import { ReviseReintegrationPlanHttpController } from './revise-reintegration-plan/revise-reintegration-plan.http.controller.js';
import { ReviseReintegrationPlanService } from './revise-reintegration-plan/revise-reintegration-plan.service.js';
import { StartJourneyHttpController } from './start-journey/start-journey.http.controller.js';
import { StartJourneyService } from './start-journey/start-journey.service.js';
import { ViewJourneysHttpController } from './view-journeys/view-journeys.http.controller.js';
import { ViewReintegrationPlansHttpController } from './view-reintegration-plans/view-reintegration-plans.http.controller.js';

@Module({})
class ReintegrationRecordsModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  static register(directory: AgencyDirectory): DynamicModule {
    return {
      module: ReintegrationRecordsModule,
      controllers: [
        PlanJourneyHttpController,
        ViewJourneysHttpController,
        AddJourneyLegsHttpController,
        StartJourneyHttpController,
        HandOverJourneyHttpController,
        MakeReintegrationPlanHttpController,
        ViewReintegrationPlansHttpController,
        ReviseReintegrationPlanHttpController,
        RecordFollowUpVisitHttpController,
        CompleteReintegrationPlanHttpController,
      ],
      providers: [
        PlanJourneyService,
        AddJourneyLegsService,
        StartJourneyService,
        HandOverJourneyService,
        MakeReintegrationPlanService,
        ReviseReintegrationPlanService,
        RecordFollowUpVisitService,
        CompleteReintegrationPlanService,
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
          migrations: [ReintegrationRecords1763900007000, ReintegrationRecordReferral1763900007100],
          sealed: [SEALED_JOURNEY, SEALED_LEG, SEALED_REINTEGRATION_PLAN, SEALED_FOLLOW_UP_VISIT],
          imports: [ReintegrationRecordsModule.register(AgencyDirectory.fromFile(config.directoryPath))],
        }),
      ],
    };
  }
}
