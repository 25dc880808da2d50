import { DynamicModule, Module } from '@nestjs/common';
import { NodeCoreModule, type NodeConfig } from '@rujukan/platform';
import { CountCasesEventHandler } from './count-cases/count-cases.event-handler.js';
import { CountReferralsEventHandler } from './count-referrals/count-referrals.event-handler.js';
import { ReportingFacts1763900003000 } from './migrations/1763900003000-reporting-facts.js';
import { ReportingTriage1763900003100 } from './migrations/1763900003100-reporting-triage.js';
import { ReportingPerpetrators1763900003200 } from './migrations/1763900003200-reporting-perpetrators.js';
import { CountTriageEventHandler } from './count-triage/count-triage.event-handler.js';
import { StatisticsConsentEventHandler } from './count-cases/statistics-consent.event-handler.js';
import { ReportingPolicyPerformance1763900003400 } from './migrations/1763900003400-reporting-policy-performance.js';
import { DashboardHttpController } from './dashboard/dashboard.http.controller.js';
import { CaseFact, ReferralFact, VictimFact } from './projections/facts.entities.js';
import { CountServicesEventHandler } from './count-services/count-services.event-handler.js';
import { ReportingServices1763900003300 } from './migrations/1763900003300-reporting-services.js';
import { ReportingConsentSequence1763900003500 } from './migrations/1763900003500-reporting-consent-sequence.js';
import { VictimFactsRepository } from './count-cases/victim-facts.repository.js';
import { REPORTING_SETTINGS, reportingSettingsFromEnv } from './tables/reporting.settings.js';
import { StatisticsService } from './tables/statistics-service.js';
import { StatisticsTablesHttpController } from './tables/statistics-tables.http.controller.js';
import { StatisticsHttpController } from './statistics/statistics.http.controller.js';

/** Reporting's own schema, in order (also what its database tests migrate). */
export const REPORTING_MIGRATIONS = [
  ReportingFacts1763900003000,
  ReportingTriage1763900003100,
  ReportingPerpetrators1763900003200,
  ReportingServices1763900003300,
  ReportingPolicyPerformance1763900003400,
  ReportingConsentSequence1763900003500,
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
      controllers: [
        CountCasesEventHandler,
        StatisticsConsentEventHandler,
        CountReferralsEventHandler,
        CountTriageEventHandler,
        CountServicesEventHandler,
        StatisticsHttpController,
        StatisticsTablesHttpController,
        DashboardHttpController,
      ],
      providers: [{ provide: REPORTING_SETTINGS, useValue: settings }, StatisticsService, VictimFactsRepository],
    };
  }
}
