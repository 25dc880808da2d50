import { WatchCaseHttpController } from './watch-case/watch-case.http.controller.js';
import { WatchCaseService } from './watch-case/watch-case.service.js';
import { CaseLiveStateQuery } from './queries/case-live-state.query.js';
import { IntakeStaffLooks1763900002950 } from './migrations/1763900002950-intake-staff-looks.js';
import { StaffLookRepository } from './my-changes/staff-look.repository.js';
import { MyChangesQuery } from './queries/my-changes.query.js';
import { ViewMyChangesHttpController } from './view-my-changes/view-my-changes.http.controller.js';
import { MarkChangesSeenHttpController } from './mark-changes-seen/mark-changes-seen.http.controller.js';
import { MarkChangesSeenService } from './mark-changes-seen/mark-changes-seen.service.js';
import { WatchMyWorkHttpController } from './watch-my-work/watch-my-work.http.controller.js';
import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { caseOwnership, referralOwnership, victimOwnership } from './queries/case-ownership.query.js';
import { ConsentRecord } from './consent/consent-record.entity.js';
import { CloseCaseHttpController } from './close-case/close-case.http.controller.js';
import { Assessment, PlanItem } from './assessment/assessment.entities.js';
import { PlanServicesHttpController } from './plan-services/plan-services.http.controller.js';
import { PlanServicesService } from './plan-services/plan-services.service.js';
import { RecordAssessmentHttpController } from './record-assessment/record-assessment.http.controller.js';
import { RecordAssessmentService } from './record-assessment/record-assessment.service.js';
import { ViewPlanHttpController } from './view-plan/view-plan.http.controller.js';
import { TraffickingStage } from './cases/trafficking-stage.entity.js';
import { IntakeDuplicates1763900002000 } from './migrations/1763900002000-intake-duplicates.js';
import { IntakeCaseNumber1763900001900 } from './migrations/1763900001900-intake-case-number.js';
import { IntakeHandOver1763900001800 } from './migrations/1763900001800-intake-hand-over.js';
import { IncomingHandover, OutgoingHandover } from './hand-over/hand-over.entities.js';
import { AcceptHandOverHttpController } from './accept-hand-over/accept-hand-over.http.controller.js';
import { AcceptHandOverService } from './accept-hand-over/accept-hand-over.service.js';
import { DeclineHandOverHttpController } from './decline-hand-over/decline-hand-over.http.controller.js';
import { DeclineHandOverService } from './decline-hand-over/decline-hand-over.service.js';
import { HandOverCaseHttpController } from './hand-over-case/hand-over-case.http.controller.js';
import { HandOverCaseService } from './hand-over-case/hand-over-case.service.js';
import { ListCaseHandOversHttpController } from './list-case-hand-overs/list-case-hand-overs.http.controller.js';
import { ListIncomingHandOversHttpController } from './list-incoming-hand-overs/list-incoming-hand-overs.http.controller.js';
import { KeepWhenHandoverRequested } from './receive-hand-over/keep-when-handover-requested.event-handler.js';
import { ReceiveHandOverService } from './receive-hand-over/receive-hand-over.service.js';
import { CloseReferredWhenHandoverAccepted } from './track-hand-over/close-referred-when-handover-accepted.event-handler.js';
import { KeepCaseWhenHandoverDeclined } from './track-hand-over/keep-case-when-handover-declined.event-handler.js';
import { TrackHandOverService } from './track-hand-over/track-hand-over.service.js';
import { ViewIncomingHandOverHttpController } from './view-incoming-hand-over/view-incoming-hand-over.http.controller.js';
import { ListDeclinedReferralsHttpController } from './list-declined-referrals/list-declined-referrals.http.controller.js';
import { ListWaitingReferralsHttpController } from './list-waiting-referrals/list-waiting-referrals.http.controller.js';
import { ViewTimelineHttpController } from './view-timeline/view-timeline.http.controller.js';
import { IntakeTraffickingStages1763900001700 } from './migrations/1763900001700-intake-trafficking-stages.js';
import { IntakeAssessmentPlan1763900001600 } from './migrations/1763900001600-intake-assessment-plan.js';
import { IntakeClosure1763900001500 } from './migrations/1763900001500-intake-closure.js';
import { ConsentChanges } from './consent/consent-changes.js';
import { GiveConsentHttpController } from './give-consent/give-consent.http.controller.js';
import { GiveConsentService } from './give-consent/give-consent.service.js';
import { ListConsentsHttpController } from './list-consents/list-consents.http.controller.js';
import { ListConsentsService } from './list-consents/list-consents.service.js';
import { WithdrawConsentHttpController } from './withdraw-consent/withdraw-consent.http.controller.js';
import { WithdrawConsentService } from './withdraw-consent/withdraw-consent.service.js';
import { IntakeConsent1763900001400 } from './migrations/1763900001400-intake-consent.js';
import { CaseShare } from './cases/case-share.entity.js';
import { Perpetrator } from './cases/perpetrator.entity.js';
import { IntakeReporterPerpetrators1763900001300 } from './migrations/1763900001300-intake-reporter-perpetrators.js';
import { IntakeCaseOwnership1763900001100 } from './migrations/1763900001100-intake-case-ownership.js';
import { CaseMessageHistoryQuery, ConfigError } from '@rujukan/messaging';
import { AgencyDirectory, NodeCoreModule, type NodeConfig } from '@rujukan/platform';
import { ListAgenciesHttpController } from './list-agencies/list-agencies.http.controller.js';
import { AgencyCardCopy } from './agency-directory/agency-card-copy.entity.js';
import { DirectoryWatcher } from './agency-directory/directory-watcher.js';
import { IntakeEducation1763900002200 } from './migrations/1763900002200-intake-education.js';
import { IntakeStatisticsSequence1763900002400 } from './migrations/1763900002400-intake-statistics-sequence.js';
import { IntakeDeclineCode1763900002710 } from './migrations/1763900002710-intake-decline-code.js';
import { IntakeCaseReports1763900002720 } from './migrations/1763900002720-intake-case-reports.js';
import { IntakeCaseReopening1763900002730 } from './migrations/1763900002730-intake-case-reopening.js';
import { ReopenCaseHttpController } from './reopen-case/reopen-case.http.controller.js';
import { ReopenCaseService } from './reopen-case/reopen-case.service.js';
import { AttachReportHttpController } from './attach-report/attach-report.http.controller.js';
import { AttachReportService } from './attach-report/attach-report.service.js';
import { CaseReport } from './cases/case-report.entity.js';
import { CaseReportRepository } from './cases/case-report.repository.js';
import { IntakeFunctions1763900002740 } from './migrations/1763900002740-intake-functions.js';
import { IntakeRegisterImport1763900002750 } from './migrations/1763900002750-intake-register-import.js';
import { IntakeMatchKeys1763900002760 } from './migrations/1763900002760-intake-match-keys.js';
import { IntakeSealedVictims1763900002800 } from './migrations/1763900002800-intake-sealed-victims.js';
import { IntakeSealedColumns } from './cases/sealed-columns.js';
import { IntakeErasure1763900002810 } from './migrations/1763900002810-intake-erasure.js';
import { IntakeRetention1763900002820 } from './migrations/1763900002820-intake-retention.js';
import { IntakeHandedOverVictim1763900002830 } from './migrations/1763900002830-intake-handed-over-victim.js';
import { IntakeMatchKeySets1763900002840 } from './migrations/1763900002840-intake-match-key-sets.js';
import { IntakeCaseNotes1763900002900 } from './migrations/1763900002900-intake-case-notes.js';
import { ReferExternallyHttpController } from './refer-externally/refer-externally.http.controller.js';
import { ReferExternallyService } from './refer-externally/refer-externally.service.js';
import { RecordExternalAnswerHttpController } from './record-external-answer/record-external-answer.http.controller.js';
import { RecordExternalAnswerService } from './record-external-answer/record-external-answer.service.js';
import { DownloadReferralLetterHttpController } from './download-referral-letter/download-referral-letter.http.controller.js';
import { DownloadReferralLetterService } from './download-referral-letter/download-referral-letter.service.js';
import { IntakeExternalReferrals1763900002910 } from './migrations/1763900002910-intake-external-referrals.js';
import { CaseNoteRepository } from './case-notes/case-note.repository.js';
import { CompleteFollowUpHttpController } from './complete-follow-up/complete-follow-up.http.controller.js';
import { CompleteFollowUpService } from './complete-follow-up/complete-follow-up.service.js';
import { ListDueFollowUpsHttpController } from './list-due-follow-ups/list-due-follow-ups.http.controller.js';
import { CaseNotesQuery } from './queries/case-notes.query.js';
import { SetFollowUpHttpController } from './set-follow-up/set-follow-up.http.controller.js';
import { SetFollowUpService } from './set-follow-up/set-follow-up.service.js';
import { ViewCaseNotesHttpController } from './view-case-notes/view-case-notes.http.controller.js';
import { WriteCaseNoteHttpController } from './write-case-note/write-case-note.http.controller.js';
import { WriteCaseNoteService } from './write-case-note/write-case-note.service.js';
import { EraseHandedOverVictimService } from './erase-handed-over-victim/erase-handed-over-victim.service.js';
import { EraseWhenHandedOverErasureRequested } from './erase-handed-over-victim/erase-when-handed-over-erasure-requested.event-handler.js';
import { RetentionRepository } from './erasure/retention.repository.js';
import { EraseAfterRetentionService } from './erase-after-retention/erase-after-retention.service.js';
import { EraseAfterRetentionSweep } from './erase-after-retention/erase-after-retention.sweep.js';
import { RecordLegalHoldHttpController } from './record-legal-hold/record-legal-hold.http.controller.js';
import { RecordLegalHoldService } from './record-legal-hold/record-legal-hold.service.js';
import { EraseVictimHttpController } from './erase-victim/erase-victim.http.controller.js';
import { EraseVictimService } from './erase-victim/erase-victim.service.js';
import { ErasureRepository } from './erasure/erasure.repository.js';
import { KeepErasureAnswerService } from './keep-erasure-answer/keep-erasure-answer.service.js';
import { KeepWhenErasureAnswered } from './keep-erasure-answer/keep-when-erasure-answered.event-handler.js';
import { ImportRegisterService } from './import-register/import-register.service.js';
import { RegisterImportRepository } from './import-register/register-import.repository.js';
import { UptdFunctionRepository } from './functions/uptd-function.repository.js';
import { RecordOutreachVisitHttpController } from './record-outreach-visit/record-outreach-visit.http.controller.js';
import { RecordOutreachVisitService } from './record-outreach-visit/record-outreach-visit.service.js';
import { RecordMediationHttpController } from './record-mediation/record-mediation.http.controller.js';
import { RecordMediationService } from './record-mediation/record-mediation.service.js';
import { RecordAccompanimentHttpController } from './record-accompaniment/record-accompaniment.http.controller.js';
import { RecordAccompanimentService } from './record-accompaniment/record-accompaniment.service.js';
import { IntakeAgencyCards1763900002100 } from './migrations/1763900002100-intake-agency-cards.js';
import { IntakeTriage1763900001200 } from './migrations/1763900001200-intake-triage.js';
import { CaseAlert } from './triage/case-alert.entity.js';
import { DEFAULT_TRIAGE_DEADLINES, triageDeadlinesFromEnv } from './triage/triage-deadlines.js';
import { AcknowledgeAlertHttpController } from './acknowledge-alert/acknowledge-alert.http.controller.js';
import { AcknowledgeAlertService } from './acknowledge-alert/acknowledge-alert.service.js';
import { ListAlertsHttpController } from './list-alerts/list-alerts.http.controller.js';
import { ListOverdueCasesHttpController } from './list-overdue-cases/list-overdue-cases.http.controller.js';
import { RaiseOverdueAlertsService } from './raise-overdue-alerts/raise-overdue-alerts.service.js';
import { RecordFirstResponseHttpController } from './record-first-response/record-first-response.http.controller.js';
import { RecordFirstResponseService } from './record-first-response/record-first-response.service.js';
import { CaseFile } from './cases/case.entity.js';
import { FindCasesHttpController } from './find-cases/find-cases.http.controller.js';
import { Referral } from './cases/referral.entity.js';
import { Victim } from './cases/victim.entity.js';
import { INTAKE_SETTINGS, type IntakeSettings } from './intake.settings.js';
import { IntakeCases1763900001000 } from './migrations/1763900001000-intake-cases.js';
import { ReferVictimHttpController } from './refer-victim/refer-victim.http.controller.js';
import { ReferVictimService } from './refer-victim/refer-victim.service.js';
import { RegisterComplaintHttpController } from './register-complaint/register-complaint.http.controller.js';
import { RegisterComplaintService } from './register-complaint/register-complaint.service.js';
import { RevokeReferralHttpController } from './revoke-referral/revoke-referral.http.controller.js';
import { AdvanceWhenReferralAccepted } from './track-referrals/advance-when-referral-accepted.event-handler.js';
import { AdvanceWhenReferralCompleted } from './track-referrals/advance-when-referral-completed.event-handler.js';
import { AdvanceWhenReferralDeclined } from './track-referrals/advance-when-referral-declined.event-handler.js';
import { TrackReferralsService } from './track-referrals/track-referrals.service.js';
import { RelayServiceRecordsService } from './relay-service-records/relay-service-records.service.js';
import { RelayWhenServiceProvided } from './relay-service-records/relay-when-service-provided.event-handler.js';

import { AgencyCardRepository } from './agency-directory/agency-card.repository.js';
import { AssessmentRepository } from './assessment/assessment.repository.js';
import { AssignCaseHttpController } from './assign-case/assign-case.http.controller.js';
import { AssignCaseService } from './assign-case/assign-case.service.js';
import { ReferralStatusBroadcast } from './cases/broadcast-referral-status.js';
import { CaseBuilder } from './cases/case-builder.js';
import { CaseRepository } from './cases/case.repository.js';
import { ReferralRepository } from './cases/referral.repository.js';
import { StatisticsRepository } from './cases/statistics.repository.js';
import { CloseCaseService } from './close-case/close-case.service.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { DuplicateFlagger } from './duplicates/flag-duplicates.js';
import { VictimDuplicateRepository } from './duplicates/victim-duplicate.repository.js';
import { HandOverRepository } from './hand-over/hand-over.repository.js';
import { AgencyDirectoryQuery } from './queries/agency-directory.query.js';
import { CasePlanQuery } from './queries/case-plan.query.js';
import { CaseTimelineQuery } from './queries/case-timeline.query.js';
import { CaseViewQuery } from './queries/case-view.query.js';
import { HandOversQuery } from './queries/hand-overs.query.js';
import { TriageQuery } from './queries/triage.query.js';
import { WorkListsQuery } from './queries/work-lists.query.js';
import { RevokeReferralService } from './revoke-referral/revoke-referral.service.js';
import { AlertRepository } from './triage/alert.repository.js';
/** Intake's own migrations, in order (the node runs them; specs on a real database too). */
export const INTAKE_MIGRATIONS = [
  IntakeCases1763900001000,
  IntakeCaseOwnership1763900001100,
  IntakeTriage1763900001200,
  IntakeReporterPerpetrators1763900001300,
  IntakeConsent1763900001400,
  IntakeClosure1763900001500,
  IntakeAssessmentPlan1763900001600,
  IntakeTraffickingStages1763900001700,
  IntakeHandOver1763900001800,
  IntakeCaseNumber1763900001900,
  IntakeDuplicates1763900002000,
  IntakeAgencyCards1763900002100,
  IntakeEducation1763900002200,
  IntakeStatisticsSequence1763900002400,
  IntakeDeclineCode1763900002710,
  IntakeCaseReports1763900002720,
  IntakeCaseReopening1763900002730,
  IntakeFunctions1763900002740,
  IntakeRegisterImport1763900002750,
  IntakeMatchKeys1763900002760,
  IntakeSealedVictims1763900002800,
  IntakeErasure1763900002810,
  IntakeRetention1763900002820,
  IntakeHandedOverVictim1763900002830,
  IntakeMatchKeySets1763900002840,
  IntakeCaseNotes1763900002900,
  IntakeExternalReferrals1763900002910,
  IntakeStaffLooks1763900002950,
];

/** Complaint handling and case management at the UPTD PPA. */
@Module({})
export class IntakeModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  onModuleInit(): void {
    this.ownership.register('case', caseOwnership);
    this.ownership.register('referral', referralOwnership);
    this.ownership.register('victim', victimOwnership);
  }

  static register(config: NodeConfig, env: Record<string, string | undefined> = process.env): DynamicModule {
    const problems: string[] = [];
    const statisticsKey = env.STATISTICS_ID_KEY ?? '';
    if (statisticsKey.length < 32) {
      problems.push(
        'STATISTICS_ID_KEY must be a secret of at least 32 characters, kept for the life of the node (e.g. openssl rand -hex 32)',
      );
    }
    const triageCheckMs = Number(env.TRIAGE_CHECK_MS ?? 30000);
    if (!Number.isInteger(triageCheckMs) || triageCheckMs < 100)
      problems.push('TRIAGE_CHECK_MS must be a whole number of milliseconds (100 or more)');
    const referralWaitingHours = Number(env.REFERRAL_WAITING_HOURS ?? 24);
    if (!Number.isInteger(referralWaitingHours) || referralWaitingHours < 1)
      problems.push('REFERRAL_WAITING_HOURS must be a whole number of hours (1 or more)');
    const letterAddress = env.REFERRAL_LETTER_ADDRESS?.trim() || null;
    // One printed line: no line breaks or other control characters, and short enough to fit under the heading.
    if (letterAddress !== null && (letterAddress.length > 200 || /\p{Cc}/u.test(letterAddress)))
      problems.push(
        'REFERRAL_LETTER_ADDRESS must be one line of at most 200 characters (the address under the unit name on a referral letter)',
      );
    let triageDeadlines = DEFAULT_TRIAGE_DEADLINES;
    try {
      triageDeadlines = triageDeadlinesFromEnv(env);
    } catch (err) {
      problems.push(...(err as ConfigError).problems);
    }
    if (problems.length) throw new ConfigError(problems);
    const settings: IntakeSettings = {
      agencyId: config.messaging.agency,
      triageDeadlines,
      triageCheckMs,
      referralWaitingHours,
      letterAddress,
      // One setting for the node's retention sweep and for imports (libs/platform/src/retention).
      retentionYears: config.retention.caseRetentionYears,
      statisticsKey,
      timeZone: config.timeZone,
      directory: AgencyDirectory.fromFile(config.directoryPath),
    };
    return {
      module: IntakeModule,
      imports: [
        NodeCoreModule.forRoot({
          config,
          entities: [
            CaseFile,
            Victim,
            Referral,
            CaseShare,
            CaseAlert,
            Perpetrator,
            ConsentRecord,
            Assessment,
            PlanItem,
            TraffickingStage,
            OutgoingHandover,
            IncomingHandover,
            AgencyCardCopy,
            CaseReport,
          ],
          migrations: INTAKE_MIGRATIONS,
        }),
      ],
      controllers: [
        RegisterComplaintHttpController,
        AttachReportHttpController,
        RecordOutreachVisitHttpController,
        RecordMediationHttpController,
        RecordAccompanimentHttpController,
        WriteCaseNoteHttpController,
        ViewCaseNotesHttpController,
        SetFollowUpHttpController,
        CompleteFollowUpHttpController,
        ListDueFollowUpsHttpController,
        FindCasesHttpController,
        AssignCaseHttpController,
        ReferVictimHttpController,
        ReferExternallyHttpController,
        RecordExternalAnswerHttpController,
        DownloadReferralLetterHttpController,
        RevokeReferralHttpController,
        AdvanceWhenReferralAccepted,
        AdvanceWhenReferralDeclined,
        AdvanceWhenReferralCompleted,
        RelayWhenServiceProvided,
        ListAgenciesHttpController,
        RecordFirstResponseHttpController,
        ListOverdueCasesHttpController,
        ListAlertsHttpController,
        AcknowledgeAlertHttpController,
        ListConsentsHttpController,
        GiveConsentHttpController,
        WithdrawConsentHttpController,
        CloseCaseHttpController,
        ReopenCaseHttpController,
        RecordAssessmentHttpController,
        PlanServicesHttpController,
        ViewPlanHttpController,
        HandOverCaseHttpController,
        ListCaseHandOversHttpController,
        ListIncomingHandOversHttpController,
        ViewIncomingHandOverHttpController,
        AcceptHandOverHttpController,
        DeclineHandOverHttpController,
        KeepWhenHandoverRequested,
        CloseReferredWhenHandoverAccepted,
        KeepCaseWhenHandoverDeclined,
        ListWaitingReferralsHttpController,
        ListDeclinedReferralsHttpController,
        ViewTimelineHttpController,
        WatchCaseHttpController,
        ViewMyChangesHttpController,
        MarkChangesSeenHttpController,
        WatchMyWorkHttpController,
        EraseVictimHttpController,
        EraseWhenHandedOverErasureRequested,
        RecordLegalHoldHttpController,
        KeepWhenErasureAnswered,
      ],
      providers: [
        { provide: INTAKE_SETTINGS, useValue: settings },
        IntakeSealedColumns,
        EraseVictimService,
        KeepErasureAnswerService,
        ErasureRepository,
        RetentionRepository,
        EraseAfterRetentionService,
        EraseAfterRetentionSweep,
        RecordLegalHoldService,
        EraseHandedOverVictimService,
        RegisterComplaintService,
        AttachReportService,
        RecordOutreachVisitService,
        RecordMediationService,
        RecordAccompanimentService,
        WriteCaseNoteService,
        SetFollowUpService,
        CompleteFollowUpService,
        MarkChangesSeenService,
        ImportRegisterService,
        ReferVictimService,
        ReferExternallyService,
        RecordExternalAnswerService,
        DownloadReferralLetterService,
        TrackReferralsService,
        RelayServiceRecordsService,
        RaiseOverdueAlertsService,
        RecordFirstResponseService,
        AcknowledgeAlertService,
        ListConsentsService,
        GiveConsentService,
        WithdrawConsentService,
        ConsentChanges,
        HandOverCaseService,
        ReceiveHandOverService,
        AcceptHandOverService,
        DeclineHandOverService,
        TrackHandOverService,
        DirectoryWatcher,
        // The use cases' services and what they share.
        PlanServicesService,
        RecordAssessmentService,
        AssignCaseService,
        CaseBuilder,
        CloseCaseService,
        ReopenCaseService,
        DuplicateFlagger,
        ReferralStatusBroadcast,
        RevokeReferralService,
        // Repositories: the node's writes, each taking the transaction.
        AgencyCardRepository,
        AlertRepository,
        AssessmentRepository,
        CaseRepository,
        CaseReportRepository,
        CaseNoteRepository,
        StaffLookRepository,
        UptdFunctionRepository,
        RegisterImportRepository,
        ConsentRepository,
        HandOverRepository,
        ReferralRepository,
        StatisticsRepository,
        VictimDuplicateRepository,
        // Read models.
        CaseLiveStateQuery,
        WatchCaseService,
        AgencyDirectoryQuery,
        CaseMessageHistoryQuery,
        CaseNotesQuery,
        MyChangesQuery,
        CasePlanQuery,
        CaseTimelineQuery,
        CaseViewQuery,
        HandOversQuery,
        TriageQuery,
        WorkListsQuery,
      ],
    };
  }
}
