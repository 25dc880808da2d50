import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, ServiceRecorder, type IncomingReferral } from '@rujukan/service-node';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { chooseRoom, placementProblem, roomGroupFor } from '../facilities/placement.js';
import { Admission, DischargeDestination } from './admission.entity.js';

export const NO_CAPACITY = 'no capacity';

@Injectable()
export class AdmissionsService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly facilities: FacilitiesService,
    private readonly records: ServiceRecorder,
  ) {}

  /**
   * A referral arriving when no room could take her (by sex, and children
   * apart from adults) is declined at once with "no capacity", so intake can
   * ask another shelter while she is still waiting. While the agency has
   * registered no rooms, capacity is unknown and staff decide.
   */
  async declineWhenFull(tx: Transaction, referral: IncomingReferral): Promise<void> {
    if (referral.service !== 'shelter') return;
    const rooms = await this.facilities.rooms(tx.manager, true);
    if (!rooms.length || chooseRoom(referral.person, rooms)) return;
    await this.referrals.decline(tx, referral.referralId, NO_CAPACITY, null);
  }

  /**
   * Admits the victim of a referral (accepting it first if still requested)
   * into a room that fits her: the room given, or the first suitable one.
   */
  async admit(tx: Transaction, referralId: string, staff: Principal, safetyPlan: string, roomId?: string): Promise<Admission> {
    const referral = await this.referrals.get(tx, referralId, true);
    if (referral.service !== 'shelter') throw new ConflictException('only a shelter referral can be admitted');
    if (referral.state !== 'requested' && referral.state !== 'accepted') {
      throw new ConflictException(`referral is ${referral.state}; only a requested or accepted referral can be admitted`);
    }
    const repo = tx.manager.getRepository(Admission);
    if (await repo.findOneBy({ referralId })) throw new ConflictException('already admitted');
    const rooms = await this.facilities.rooms(tx.manager, true);
    let room: string | null = null;
    if (rooms.length) {
      if (roomId) {
        const chosen = rooms.find((r) => r.id === roomId);
        if (!chosen) throw new NotFoundException(`no room ${roomId}`);
        const problem = placementProblem(referral.person, chosen);
        if (problem) throw new ConflictException(`cannot place her in that room: ${problem}`);
        room = chosen.id;
      } else {
        const chosen = chooseRoom(referral.person, rooms);
        if (!chosen) {
          const group = roomGroupFor(referral.person);
          throw new ConflictException(
            group
              ? `no free bed in a ${group.ageGroup === 'child' ? 'children’s' : 'adults’'} room for ${group.sex === 'female' ? 'women and girls' : 'men and boys'}`
              : 'the referral gives no sex or age, so no room can be chosen safely',
          );
        }
        room = chosen.id;
      }
    } else if (roomId) {
      throw new NotFoundException(`no room ${roomId}: this shelter has registered no rooms`);
    }
    if (referral.state === 'requested') await this.referrals.accept(tx, referralId, staff);
    const admission = await repo.save(repo.create({ referralId, safetyPlan, roomId: room }));
    await this.records.record(tx, referral, 'shelter-admission', { recordId: admission.id });
    return admission;
  }

  /** Discharges a resident, which completes the referral. */
  async discharge(
    tx: Transaction,
    admissionId: string,
    destination: DischargeDestination,
    note: string,
    staff: Principal,
  ): Promise<Admission> {
    const repo = tx.manager.getRepository(Admission);
    const admission = await repo.findOne({ where: { id: admissionId }, lock: { mode: 'pessimistic_write' } });
    if (!admission) throw new NotFoundException(`no admission ${admissionId}`);
    if (admission.dischargedAt) throw new ConflictException('already discharged');
    admission.dischargedAt = new Date();
    admission.dischargeDestination = destination;
    await repo.save(admission);
    const referral = await this.referrals.complete(tx, admission.referralId, note, staff, true);
    await this.records.record(tx, referral, 'shelter-discharge', { outcome: destination });
    return admission;
  }

  /** Residents; a case worker sees those of the referrals she holds. */
  async list(tx: Transaction, staff: Principal): Promise<Admission[]> {
    const qb = tx.manager.getRepository(Admission).createQueryBuilder('a').orderBy('a.admittedAt', 'DESC').take(500);
    if (staff.role === 'case-worker') {
      qb.innerJoin('incoming_referral', 'r', 'r.referral_id = a.referral_id').where('(r.assignee_id IS NULL OR r.assignee_id = :me)', {
        me: staff.staffId,
      });
    }
    return qb.getMany();
  }
}
