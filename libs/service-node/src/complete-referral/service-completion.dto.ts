import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { DAY } from '../service-records/service-day.js';
import { CompleteReferralBody } from './complete-referral.http.controller.js';

/** A completion that a node records as a service of its own: the note to the referring unit, and the day (default: today). */
export class ServiceCompletionBody extends CompleteReferralBody {
  @IsOptional()
  @Matches(DAY, { message: 'completedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  completedOn?: string;
}
