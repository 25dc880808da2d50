import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { dayIn } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { AgencyDirectory, fieldErrorsException } from '@rujukan/platform';
import {
  assertHolder,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { RepatriationJourneysQuery, type JourneyView } from '../queries/journeys.query.js';
import { AGENCY_DIRECTORY } from '../reintegration.settings.js';
import {
  checkJourneyStep,
  handOverDayProblem,
  receivingAgencyProblem,
  type FamilyRelation,
  type HandoverRecipient,
} from '../repatriation/journey-rules.js';
import { lockJourney } from '../repatriation/lock-journey.js';
import { RepatriationJourneyRepository } from '../repatriation/repatriation-journey.repository.js';

export interface HandOverInput {
  to: HandoverRecipient;
  agencyId?: string;
  familyRelation?: FamilyRelation;
  receivedBy?: string;
  handedOverAt?: string;
  note: string;
}

@Injectable()
export class HandOverJourneyService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly journeys: RepatriationJourneyRepository,
    private readonly views: RepatriationJourneysQuery,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
    @Inject(AGENCY_DIRECTORY) private readonly directory: AgencyDirectory,
  ) {}

  /**
   * Handed over at her origin district, to an agency or to her family:
   * `repatriation-handed-over` (the repatriation indicator) and the referral
   * completed. A journey under way when intake revoked the referral is still
   * completed: she was brought home.
   */
  async handOver(tx: Transaction, journeyId: string, input: HandOverInput, staff: Principal): Promise<JourneyView> {
    const journey = await lockJourney(tx, this.journeys, journeyId);
    checkJourneyStep(journey.state, 'handed-over');
    const referral = await this.referrals.get(tx, journey.referralId, true);
    // The guard checked ownership before the row lock; checked again under it.
    assertHolder(referral, staff);
    const problems: Record<string, string[]> = {};
    if (input.to === 'agency') {
      const agency = input.agencyId ? this.directory.find(input.agencyId) : undefined;
      if (!input.agencyId) problems.agencyId = ['agencyId is required for a hand-over to an agency'];
      else if (!agency) problems.agencyId = [`agencyId ${input.agencyId} is not in the agency directory`];
      else {
        const problem = receivingAgencyProblem(agency, journey.destinationDistrict);
        if (problem) problems.agencyId = [problem];
      }
      if (input.familyRelation) problems.familyRelation = ['familyRelation is only for a hand-over to the family'];
    } else {
      if (!input.familyRelation) problems.familyRelation = ['familyRelation is required for a hand-over to the family'];
      if (input.agencyId) problems.agencyId = ['agencyId is only for a hand-over to an agency'];
    }
    const at = input.handedOverAt ? new Date(input.handedOverAt) : new Date();
    const day = dayIn(at, this.settings.timeZone);
    if (at.getTime() > Date.now() + 60_000) problems.handedOverAt = ['handedOverAt is in the future'];
    else if (journey.startedOn && day < journey.startedOn)
      problems.handedOverAt = [`handedOverAt is before the journey started (${journey.startedOn})`];
    else {
      const early = handOverDayProblem(day, await this.views.legs(tx, journey.id));
      if (early) problems.handedOverAt = [early];
    }
    if (Object.keys(problems).length) throw fieldErrorsException(problems);

    // Intake's note names the agency as its staff know it, not by its directory id.
    const whom = input.to === 'agency' ? this.directory.find(input.agencyId!)!.name : `her family (${input.familyRelation})`;
    await this.journeys.update(tx, journey.id, 'handed-over', {
      handedOverAt: at,
      handoverTo: input.to,
      handoverAgencyId: input.to === 'agency' ? input.agencyId! : null,
      handoverFamilyRelation: input.to === 'family' ? input.familyRelation! : null,
      receivedBy: input.receivedBy ?? null,
      handoverNote: input.note,
      handedOverBy: staff.staffId,
    });
    await this.referrals.complete(
      tx,
      referral.referralId,
      `Handed over to ${whom} in ${journey.destinationDistrict} on ${day}. ${input.note}`,
      staff,
      true,
    );
    await this.recorder.record(tx, referral, 'repatriation-handed-over', { at });
    return this.views.view(tx, journeyId);
  }
}
