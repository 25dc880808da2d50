import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { AgencyDirectory, fieldErrorsException } from '@rujukan/platform';
import {
  assertHolder,
  checkServiceDay,
  dayAsDate,
  type IncomingReferral,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { AGENCY_DIRECTORY } from '../reintegration.settings.js';
import { dayIn } from '@rujukan/contracts';
import { checkJourneyStep, legDateProblems, type FamilyRelation, type HandoverRecipient, type TravelMode } from './journey-rules.js';
import { RepatriationJourneysQuery, type JourneyView } from '../queries/journeys.query.js';
import type { RepatriationJourney } from './repatriation-journey.entity.js';
import { RepatriationJourneyRepository } from './repatriation-journey.repository.js';

export interface LegInput {
  fromPlace: string;
  toPlace: string;
  mode: TravelMode;
  departOn: string;
  arriveOn?: string;
}

export interface JourneyInput {
  originCountry: string;
  originPlace: string;
  portOfEntry?: string;
  escortId?: string;
  destinationDistrict: string;
  legs?: LegInput[];
}

export interface HandOverInput {
  to: HandoverRecipient;
  agencyId?: string;
  familyRelation?: FamilyRelation;
  receivedBy?: string;
  handedOverAt?: string;
  note: string;
}

@Injectable()
export class RepatriationService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly journeys: RepatriationJourneyRepository,
    private readonly views: RepatriationJourneysQuery,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
    @Inject(AGENCY_DIRECTORY) private readonly directory: AgencyDirectory,
  ) {}

  /** Plans the journey home under an accepted repatriation referral. */
  async plan(tx: Transaction, referralId: string, input: JourneyInput, staff: Principal): Promise<JourneyView> {
    const referral = await this.referrals.get(tx, referralId, true);
    if (referral.service !== 'repatriation') {
      throw new ConflictException(`a repatriation journey belongs to a repatriation referral; this one is for ${referral.service}`);
    }
    if (referral.state !== 'accepted')
      throw new ConflictException(`referral is ${referral.state}; a journey is planned only under an accepted referral`);
    if (await this.journeys.existsFor(tx, referralId)) throw new ConflictException('this referral has its journey already');
    const problems: Record<string, string[]> = legDateProblems([], input.legs ?? []);
    if (input.originCountry !== 'ID' && !input.portOfEntry) problems.portOfEntry = ['portOfEntry is required for a journey from abroad'];
    if (Object.keys(problems).length) throw fieldErrorsException(problems);
    const journey = await this.journeys.create(tx, {
      referralId,
      state: 'planned',
      originCountry: input.originCountry,
      originPlace: input.originPlace,
      portOfEntry: input.portOfEntry ?? null,
      escortId: input.escortId ?? staff.staffId,
      destinationDistrict: input.destinationDistrict,
      plannedBy: staff.staffId,
    });
    await this.journeys.addLegs(tx, journey.id, 0, input.legs ?? []);
    return this.views.view(tx, journey.id);
  }

  /** Adds legs while she has not been handed over. */
  async addLegs(tx: Transaction, journeyId: string, legs: LegInput[]): Promise<JourneyView> {
    const journey = await this.lock(tx, journeyId);
    if (journey.state === 'handed-over') throw new ConflictException('journey is handed-over; its legs can no longer change');
    const earlier = await this.views.legs(tx, journeyId);
    const problems = legDateProblems(earlier, legs);
    if (Object.keys(problems).length) throw fieldErrorsException(problems);
    await this.journeys.addLegs(tx, journeyId, earlier.length, legs);
    return this.views.view(tx, journeyId);
  }

  /** She is on her way: recorded as `repatriation-started` (counted for no indicator). */
  async start(tx: Transaction, journeyId: string, startedOn: string | undefined, staff: Principal): Promise<JourneyView> {
    const journey = await this.lock(tx, journeyId);
    checkJourneyStep(journey.state, 'travelling');
    const referral = await this.referrals.get(tx, journey.referralId, true);
    if (referral.state !== 'accepted')
      throw new ConflictException(`referral is ${referral.state}; a journey starts only under an accepted referral`);
    this.checkHolder(referral, staff);
    if (!(await this.views.legs(tx, journeyId)).length) throw new ConflictException('add the journey’s legs before it starts');
    const day = startedOn ?? dayIn(new Date(), this.settings.timeZone);
    checkServiceDay('startedOn', day, referral, this.settings.timeZone);
    await this.journeys.update(tx, journey.id, 'travelling', { startedOn: day });
    await this.recorder.record(tx, referral, 'repatriation-started', { at: dayAsDate(day) });
    return this.views.view(tx, journeyId);
  }

  /**
   * Handed over at her origin district, to an agency or to her family:
   * `repatriation-handed-over` (the repatriation indicator) and the referral
   * completed. A journey under way when intake revoked the referral is still
   * completed: she was brought home.
   */
  async handOver(tx: Transaction, journeyId: string, input: HandOverInput, staff: Principal): Promise<JourneyView> {
    const journey = await this.lock(tx, journeyId);
    checkJourneyStep(journey.state, 'handed-over');
    const referral = await this.referrals.get(tx, journey.referralId, true);
    this.checkHolder(referral, staff);
    const problems: Record<string, string[]> = {};
    if (input.to === 'agency') {
      const agency = input.agencyId ? this.directory.find(input.agencyId) : undefined;
      if (!input.agencyId) problems.agencyId = ['agencyId is required for a hand-over to an agency'];
      else if (!agency) problems.agencyId = [`agencyId ${input.agencyId} is not in the agency directory`];
      else if (agency.node === 'reporting' || agency.id === this.settings.agencyId)
        problems.agencyId = [`agency ${agency.id} cannot receive a victim`];
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
    if (Object.keys(problems).length) throw fieldErrorsException(problems);

    const whom = input.to === 'agency' ? input.agencyId! : `her family (${input.familyRelation})`;
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

  private checkHolder(referral: IncomingReferral, staff: Principal): void {
    // The guard checked ownership before the row lock; checked again under it.
    assertHolder(referral, staff);
  }

  private async lock(tx: Transaction, journeyId: string): Promise<RepatriationJourney> {
    const journey = await this.journeys.findLocked(tx, journeyId);
    if (!journey) throw new NotFoundException(`no journey ${journeyId}`);
    return journey;
  }
}
