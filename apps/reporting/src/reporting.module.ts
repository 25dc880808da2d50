import { DynamicModule, Module } from '@nestjs/common';
import { NodeCoreModule, type NodeConfig } from '@rujukan/platform';
import { ChangeStatisticsConsentService } from './change-statistics-consent/change-statistics-consent.service.js';
import { CountWhenStatisticsConsentGiven } from './change-statistics-consent/count-when-statistics-consent-given.event-handler.js';
import { UncountWhenStatisticsConsentWithdrawn } from './change-statistics-consent/uncount-when-statistics-consent-withdrawn.event-handler.js';
import { CountCasesService } from './count-cases/count-cases.service.js';
import { CountWhenCaseRegistered } from './count-cases/count-when-case-registered.event-handler.js';
import { CountReferralsService } from './count-referrals/count-referrals.service.js';
import { CountWhenReferralStatusChanged } from './count-referrals/count-when-referral-status-changed.event-handler.js';
import { CountServicesService } from './count-services/count-services.service.js';
import { CountWhenServiceRecorded } from './count-services/count-when-service-recorded.event-handler.js';
import { CountUptdFunctionsService } from './count-uptd-functions/count-uptd-functions.service.js';
import { CountWhenUptdFunctionRecorded } from './count-uptd-functions/count-when-uptd-function-recorded.event-handler.js';
import { FunctionFactsRepository } from './repositories/function-facts.repository.js';
import { ReportingUptdFunctions1763900003720 } from './migrations/1763900003720-reporting-uptd-functions.js';
import { CountTriageService } from './count-triage/count-triage.service.js';
import { CountWhenFirstResponseOverdue } from './count-triage/count-when-first-response-overdue.event-handler.js';
import { CountWhenFirstResponseRecorded } from './count-triage/count-when-first-response-recorded.event-handler.js';
import { FreezePeriodHttpController } from './freeze-period/freeze-period.http.controller.js';
import { FreezePeriodService } from './freeze-period/freeze-period.service.js';
import { ReportingFacts1763900003000 } from './migrations/1763900003000-reporting-facts.js';
import { ReportingTriage1763900003100 } from './migrations/1763900003100-reporting-triage.js';
import { ReportingPerpetrators1763900003200 } from './migrations/1763900003200-reporting-perpetrators.js';
import { ReportingServices1763900003300 } from './migrations/1763900003300-reporting-services.js';
import { ReportingPolicyPerformance1763900003400 } from './migrations/1763900003400-reporting-policy-performance.js';
import { ReportingConsentSequence1763900003500 } from './migrations/1763900003500-reporting-consent-sequence.js';
import { ReportingFirstResponse1763900003600 } from './migrations/1763900003600-reporting-first-response.js';
import { ReportingIncidentDate1763900003710 } from './migrations/1763900003710-reporting-incident-date.js';
import { ReportingFactsVersion1763900003700 } from './migrations/1763900003700-reporting-facts-version.js';
import { CaseFact, ReferralFact, VictimFact } from './projections/facts.entities.js';
import { PublishTablesHttpController } from './publish-tables/publish-tables.http.controller.js';
import { PublishTablesService } from './publish-tables/publish-tables.service.js';
import { ExactCountsQuery } from './queries/exact-counts.query.js';
import { FactsQuery } from './queries/facts.query.js';
import { FrozenPeriodsQuery } from './queries/frozen-periods.query.js';
import { ReadExactCountsHttpController } from './read-exact-counts/read-exact-counts.http.controller.js';
import { ReadExactCountsService } from './read-exact-counts/read-exact-counts.service.js';
import { ReadReferralPerformanceHttpController } from './read-referral-performance/read-referral-performance.http.controller.js';
import { ReadReferralPerformanceService } from './read-referral-performance/read-referral-performance.service.js';
import { ReadSpmCoverageHttpController } from './read-spm-coverage/read-spm-coverage.http.controller.js';
import { ReadSpmCoverageService } from './read-spm-coverage/read-spm-coverage.service.js';
import { ReadTablesHttpController } from './read-tables/read-tables.http.controller.js';
import { ReadTablesService } from './read-tables/read-tables.service.js';
import { CaseFactsRepository } from './repositories/case-facts.repository.js';
import { FrozenPeriodsRepository } from './repositories/frozen-periods.repository.js';
import { ReferralFactsRepository } from './repositories/referral-facts.repository.js';
import { ServiceFactsRepository } from './repositories/service-facts.repository.js';
import { TriageFactsRepository } from './repositories/triage-facts.repository.js';
import { VictimFactsRepository } from './repositories/victim-facts.repository.js';
import { RebuildProjections } from './rebuild/rebuild-projections.js';
import { ServeDashboardHttpController } from './serve-dashboard/serve-dashboard.http.controller.js';
import { ServeDashboardService } from './serve-dashboard/serve-dashboard.service.js';
import { REPORTING_SETTINGS, reportingSettingsFromEnv } from './tables/reporting.settings.js';
import { PublicStatisticsRefresher, StatisticsTables } from './tables/statistics-tables.js';

/** Reporting's own schema, in order (also what its database tests migrate). */
export const REPORTING_MIGRATIONS = [
  ReportingFacts1763900003000,
  ReportingTriage1763900003100,
  ReportingPerpetrators1763900003200,
  ReportingServices1763900003300,
  ReportingPolicyPerformance1763900003400,
  ReportingConsentSequence1763900003500,
  ReportingFirstResponse1763900003600,
  ReportingIncidentDate1763900003710,
  ReportingFactsVersion1763900003700,
  ReportingUptdFunctions1763900003720,
] as const;

/** De-identified statistics for the task force, from broadcast events only. */
@Module({})
export class ReportingModule {
  static register(config: NodeConfig, env: Record<string, string | undefined> = process.env): DynamicModule {
    const settings = reportingSettingsFromEnv(env);
    return {
      module: ReportingModule,
      imports: [
        NodeCoreModule.forRoot({
          config,
          entities: [CaseFact, VictimFact, ReferralFact],
          migrations: [...REPORTING_MIGRATIONS],
        }),
      ],
      // One folder per use case: its transport (event handlers, HTTP controllers) and its service.
      controllers: [
        CountWhenCaseRegistered,
        CountWhenStatisticsConsentGiven,
        UncountWhenStatisticsConsentWithdrawn,
        CountWhenReferralStatusChanged,
        CountWhenFirstResponseOverdue,
        CountWhenFirstResponseRecorded,
        CountWhenServiceRecorded,
        CountWhenUptdFunctionRecorded,
        ReadExactCountsHttpController,
        ReadTablesHttpController,
        PublishTablesHttpController,
        ReadSpmCoverageHttpController,
        ReadReferralPerformanceHttpController,
        FreezePeriodHttpController,
        ServeDashboardHttpController,
      ],
      providers: [
        { provide: REPORTING_SETTINGS, useValue: settings },
        CountCasesService,
        ChangeStatisticsConsentService,
        CountReferralsService,
        CountTriageService,
        CountServicesService,
        CountUptdFunctionsService,
        ReadExactCountsService,
        ReadTablesService,
        PublishTablesService,
        ReadSpmCoverageService,
        ReadReferralPerformanceService,
        FreezePeriodService,
        ServeDashboardService,
        RebuildProjections,
        // Shared by the table use cases: the tables and their joint suppression (computed once per change of the facts).
        StatisticsTables,
        PublicStatisticsRefresher,
        // SQL: writes (taking the transaction) and read models.
        CaseFactsRepository,
        VictimFactsRepository,
        ReferralFactsRepository,
        ServiceFactsRepository,
        FunctionFactsRepository,
        TriageFactsRepository,
        FrozenPeriodsRepository,
        FactsQuery,
        ExactCountsQuery,
        FrozenPeriodsQuery,
      ],
    };
  }
}
