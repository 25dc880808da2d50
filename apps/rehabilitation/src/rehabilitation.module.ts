import { DynamicModule, Module } from '@nestjs/common';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';
import { CaseloadHttpController } from './caseload/caseload.http.controller.js';
import { CaseloadService } from './caseload/caseload.service.js';
import { CompleteRehabilitationHttpController } from './complete-rehabilitation/complete-rehabilitation.http.controller.js';
import { CompleteRehabilitationService } from './complete-rehabilitation/complete-rehabilitation.service.js';
import { RehabilitationCompletion } from './complete-rehabilitation/rehabilitation-completion.entity.js';
import { RehabilitationRecords1763900006000 } from './migrations/1763900006000-rehabilitation-records.js';
import { PsychosocialAssessment } from './psychosocial-assessment/psychosocial-assessment.entity.js';
import { PsychosocialAssessmentHttpController } from './psychosocial-assessment/psychosocial-assessment.http.controller.js';
import { PsychosocialAssessmentService } from './psychosocial-assessment/psychosocial-assessment.service.js';
import { RehabilitationPlan } from './rehabilitation-plan/rehabilitation-plan.entity.js';
import { RehabilitationPlanHttpController } from './rehabilitation-plan/rehabilitation-plan.http.controller.js';
import { RehabilitationPlanService } from './rehabilitation-plan/rehabilitation-plan.service.js';
import { RehabilitationSession } from './sessions/rehabilitation-session.entity.js';
import { SessionsHttpController } from './sessions/sessions.http.controller.js';
import { SessionsService } from './sessions/sessions.service.js';

/**
 * Every record is kept under its referral, so the inbox's ownership rule
 * ('referral': the case worker who accepted it) covers them all.
 */
@Module({
  controllers: [
    PsychosocialAssessmentHttpController,
    SessionsHttpController,
    RehabilitationPlanHttpController,
    CompleteRehabilitationHttpController,
    CaseloadHttpController,
  ],
  providers: [PsychosocialAssessmentService, SessionsService, RehabilitationPlanService, CompleteRehabilitationService, CaseloadService],
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
          migrations: [RehabilitationRecords1763900006000],
          imports: [RehabilitationRecordsModule],
        }),
      ],
    };
  }
}
