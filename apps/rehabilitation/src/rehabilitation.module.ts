import { DynamicModule, Module } from '@nestjs/common';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';
import { CompleteRehabilitationHttpController } from './complete-rehabilitation/complete-rehabilitation.http.controller.js';
import { CompleteRehabilitationService } from './complete-rehabilitation/complete-rehabilitation.service.js';
import { RehabilitationRecords1763900006000 } from './migrations/1763900006000-rehabilitation-records.js';
import { RehabilitationCaseloadQuery } from './queries/caseload.query.js';
import { RecordAssessmentHttpController } from './record-assessment/record-assessment.http.controller.js';
import { RecordAssessmentService } from './record-assessment/record-assessment.service.js';
import { RecordSessionHttpController } from './record-session/record-session.http.controller.js';
import { RecordSessionService } from './record-session/record-session.service.js';
import { PsychosocialAssessment } from './rehabilitation/psychosocial-assessment.entity.js';
import { RehabilitationCompletion } from './rehabilitation/rehabilitation-completion.entity.js';
import { RehabilitationPlan } from './rehabilitation/rehabilitation-plan.entity.js';
import { RehabilitationSession } from './rehabilitation/rehabilitation-session.entity.js';
import { SEALED_REHABILITATION } from './rehabilitation/sealed-records.js';
import { RehabilitationRepository } from './rehabilitation/rehabilitation.repository.js';
import { SaveRehabilitationPlanHttpController } from './save-rehabilitation-plan/save-rehabilitation-plan.http.controller.js';
import { SaveRehabilitationPlanService } from './save-rehabilitation-plan/save-rehabilitation-plan.service.js';
import { ViewCaseloadHttpController } from './view-caseload/view-caseload.http.controller.js';

/**
 * Every record is kept under its referral, so the inbox's ownership rule
 * ('referral': the case worker who accepted it) covers them all.
 */
@Module({
  controllers: [
    RecordAssessmentHttpController,
    RecordSessionHttpController,
    SaveRehabilitationPlanHttpController,
    CompleteRehabilitationHttpController,
    ViewCaseloadHttpController,
  ],
  providers: [
    RecordAssessmentService,
    RecordSessionService,
    SaveRehabilitationPlanService,
    CompleteRehabilitationService,
    RehabilitationRepository,
    RehabilitationCaseloadQuery,
  ],
})
class RehabilitationRecordsModule {}

/**
 * Social rehabilitation and spiritual guidance (Dinas Sosial, psychologists):
 * referral inbox, psychosocial assessment, counselling and spiritual guidance
 * sessions, plan, and completion (which completes the referral).
 */
@Module({})
export class RehabilitationModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: RehabilitationModule,
      imports: [
        ServiceNodeModule.forRoot({
          config,
          completion: 'by-node',
          entities: [PsychosocialAssessment, RehabilitationSession, RehabilitationPlan, RehabilitationCompletion],
          sealed: SEALED_REHABILITATION,
          migrations: [RehabilitationRecords1763900006000],
          imports: [RehabilitationRecordsModule],
        }),
      ],
    };
  }
}
