import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { AgencyDirectory, fieldErrorsException } from '@rujukan/platform';
import {
  assertHolder,
  checkServiceDay,
  dayAsDate,
  IncomingReferral,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { AGENCY_DIRECTORY } from '../reintegration.settings.js';
import { dayIn } from '@rujukan/contracts';
import {
  checkJourneyStep,
  legDateProblems,
  type FamilyRelation,
  type HandoverRecipient,
  type JourneyState,
  type TravelMode,
} from './journey-rules.js';
import { RepatriationJourney, RepatriationLeg } from './repatriation-journey.entity.js';

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

export type JourneyView = RepatriationJourney & { legs: RepatriationLeg[] };

@Injectable()
export class RepatriationService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
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
    const journeys = tx.manager.getRepository(RepatriationJourney);
    if (await journeys.existsBy({ referralId })) throw new ConflictException('this referral has its journey already');
    const problems: Record<string, string[]> = legDateProblems([], input.legs ?? []);
    if (input.originCountry !== 'ID' && !input.portOfEntry) problems.portOfEntry = ['portOfEntry is required for a journey from abroad'];
    if (Object.keys(problems).length) throw fieldErrorsException(problems);
    const journey = await journeys.save(
      journeys.create({
        referralId,
        state: 'planned',
        originCountry: input.originCountry,
        originPlace: input.originPlace,
        portOfEntry: input.portOfEntry ?? null,
        escortId: input.escortId ?? staff.staffId,
        destinationDistrict: input.destinationDistrict,
        plannedBy: staff.staffId,
      }),
    );
    await this.saveLegs(tx, journey.id, 0, input.legs ?? []);
    return this.view(tx, journey.id);
  }

  /** Adds legs while she has not been handed over. */
  async addLegs(tx: Transaction, journeyId: string, legs: LegInput[]): Promise<JourneyView> {
    const journey = await this.lock(tx, journeyId);
    if (journey.state === 'handed-over') throw new ConflictException('journey is handed-over; its legs can no longer change');
    const earlier = await this.legs(tx, journeyId);
    const problems = legDateProblems(earlier, legs);
    if (Object.keys(problems).length) throw fieldErrorsException(problems);
    await this.saveLegs(tx, journeyId, earlier.length, legs);
    return this.view(tx, journeyId);
  }

  /** She is on her way: recorded as `repatriation-started` (counted for no indicator). */
  async start(tx: Transaction, journeyId: string, startedOn: string | undefined, staff: Principal): Promise<JourneyView> {
    const journey = await this.lock(tx, journeyId);
    checkJourneyStep(journey.state, 'travelling');
    const referral = await this.referrals.get(tx, journey.referralId, true);
    if (referral.state !== 'accepted')
      throw new ConflictException(`referral is ${referral.state}; a journey starts only under an accepted referral`);
    this.checkHolder(referral, staff);
    if (!(await this.legs(tx, journeyId)).length) throw new ConflictException('add the journey’s legs before it starts');
    const day = startedOn ?? dayIn(new Date(), this.settings.timeZone);
    checkServiceDay('startedOn', day, referral, this.settings.timeZone);
    await this.update(tx, journey, 'travelling', { startedOn: day });
    await this.recorder.record(tx, referral, 'repatriation-started', { at: dayAsDate(day) });
    return this.view(tx, journeyId);
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
    await this.update(tx, journey, 'handed-over', {
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
    return this.view(tx, journeyId);
  }

  async view(tx: Transaction, journeyId: string): Promise<JourneyView> {
    const journey = await tx.manager.getRepository(RepatriationJourney).findOneBy({ id: journeyId });
    if (!journey) throw new NotFoundException(`no journey ${journeyId}`);
    return { ...journey, legs: await this.legs(tx, journeyId) };
  }

  /** The agency's journeys (a case worker: those of her referrals), newest first. */
  async list(tx: Transaction, staff: Principal, state?: JourneyState) {
    const qb = tx.manager
      .getRepository(RepatriationJourney)
      .createQueryBuilder('j')
      .innerJoin(IncomingReferral, 'r', 'r.referral_id = j.referral_id')
      .select([
        'j.id AS id',
        'j.referral_id AS "referralId"',
        'j.state AS state',
        'j.origin_country AS "originCountry"',
        'j.origin_place AS "originPlace"',
      ])
      .addSelect([
        'j.destination_district AS "destinationDistrict"',
        'j.escort_id AS "escortId"',
        'j.started_on AS "startedOn"',
        'j.handed_over_at AS "handedOverAt"',
        `r.person->>'name' AS name`,
      ])
      .orderBy('j.planned_at', 'DESC')
      .limit(500);
    if (state) qb.andWhere('j.state = :state', { state });
    if (staff.role === 'case-worker') qb.andWhere('(r.assignee_id IS NULL OR r.assignee_id = :me)', { me: staff.staffId });
    return qb.getRawMany();
  }

  private checkHolder(referral: IncomingReferral, staff: Principal): void {
    // The guard checked ownership before the row lock; checked again under it.
    assertHolder(referral, staff);
  }

  private async lock(tx: Transaction, journeyId: string): Promise<RepatriationJourney> {
    const journey = await tx.manager
      .getRepository(RepatriationJourney)
      .findOne({ where: { id: journeyId }, lock: { mode: 'pessimistic_write' } });
    if (!journey) throw new NotFoundException(`no journey ${journeyId}`);
    return journey;
  }

  private legs(tx: Transaction, journeyId: string): Promise<RepatriationLeg[]> {
    return tx.manager.getRepository(RepatriationLeg).find({ where: { journeyId }, order: { seq: 'ASC' } });
  }

  private async saveLegs(tx: Transaction, journeyId: string, after: number, legs: LegInput[]): Promise<void> {
    const repo = tx.manager.getRepository(RepatriationLeg);
    for (const [i, leg] of legs.entries()) {
      await repo.insert({
        journeyId,
        seq: after + i + 1,
        fromPlace: leg.fromPlace,
        toPlace: leg.toPlace,
        mode: leg.mode,
        departOn: leg.departOn,
        arriveOn: leg.arriveOn ?? null,
      });
    }
  }

  private async update(
    tx: Transaction,
    journey: RepatriationJourney,
    state: JourneyState,
    changes: Partial<RepatriationJourney>,
  ): Promise<void> {
    await tx.manager.getRepository(RepatriationJourney).update({ id: journey.id }, { ...changes, state });
  }
}
