import { Inject, Injectable } from '@nestjs/common';
import { FactsQuery } from '../queries/facts.query.js';
import { referralPerformance } from '../tables/referral-performance.js';
import { REPORTING_SETTINGS, type CountingDate, type ReportingSettings } from '../tables/reporting.settings.js';

/** How referrals of a year's cases fared: times to accept and complete, declines, triage deadlines (internal view). */
@Injectable()
export class ReadReferralPerformanceService {
  constructor(
    private readonly facts: FactsQuery,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async performance(year: number, district?: string, by: CountingDate = 'reported') {
    const facts = await this.facts.load({ years: [year], district, policy: this.settings.policy, by });
    return referralPerformance(facts, year);
  }
}
