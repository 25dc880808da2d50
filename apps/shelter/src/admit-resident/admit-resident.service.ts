import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, ServiceRecorder } from '@rujukan/service-node';
import type { Admission } from '../admissions/admission.entity.js';
import { AdmissionRepository } from '../admissions/admission.repository.js';
import { chooseRoom, placementProblem, roomGroupFor } from '../facilities/placement.js';
import { RoomsQuery } from '../queries/rooms.query.js';

@Injectable()
export class AdmitResidentService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly admissions: AdmissionRepository,
    private readonly rooms: RoomsQuery,
    private readonly records: ServiceRecorder,
  ) {}

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
    if (await this.admissions.findByReferral(tx, referralId)) throw new ConflictException('already admitted');
    const rooms = await this.rooms.rooms(tx.manager, true);
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
    const admission = await this.admissions.admit(tx, { referralId, safetyPlan, roomId: room });
    await this.records.record(tx, referral, 'shelter-admission', { recordId: admission.id });
    return admission;
  }
}
