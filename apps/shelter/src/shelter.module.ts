import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OwnershipRegistry } from '@rujukan/auth';
import { DirectoryAnnouncer } from '@rujukan/messaging';
import type { NodeConfig } from '@rujukan/platform';
import { ownedThroughReferral, ServiceNodeModule } from '@rujukan/service-node';
import { AdmitResidentHttpController } from './admit-resident/admit-resident.http.controller.js';
import { AdmitResidentService } from './admit-resident/admit-resident.service.js';
import { Admission, SEALED_ADMISSION } from './admissions/admission.entity.js';
import { AdmissionRepository } from './admissions/admission.repository.js';
import { DischargeResidentHttpController } from './discharge-resident/discharge-resident.http.controller.js';
import { DischargeResidentService } from './discharge-resident/discharge-resident.service.js';
import { Facility, Room } from './facilities/facility.entities.js';
import { FacilityRepository } from './facilities/facility.repository.js';
import { ListResidentsHttpController } from './list-residents/list-residents.http.controller.js';
import { ShelterAdmissions1763900002000 } from './migrations/1763900002000-shelter-admissions.js';
import { ShelterFacilities1763900002100 } from './migrations/1763900002100-shelter-facilities.js';
import { FacilitiesQuery } from './queries/facilities.query.js';
import { ResidentsQuery } from './queries/residents.query.js';
import { RoomsQuery } from './queries/rooms.query.js';
import { ReceiveOrDeclineWhenReferralRequested } from './receive-referral/receive-or-decline-when-referral-requested.event-handler.js';
import { ReceiveShelterReferralService } from './receive-referral/receive-referral.service.js';
import { RegisterFacilityHttpController } from './register-facility/register-facility.http.controller.js';
import { RegisterFacilityService } from './register-facility/register-facility.service.js';
import { ViewFacilitiesHttpController } from './view-facilities/view-facilities.http.controller.js';

@Module({
  controllers: [
    // A referral nobody can be placed for is declined as it arrives (the inbox leaves receiving to this handler).
    ReceiveOrDeclineWhenReferralRequested,
    AdmitResidentHttpController,
    DischargeResidentHttpController,
    ListResidentsHttpController,
    RegisterFacilityHttpController,
    ViewFacilitiesHttpController,
  ],
  providers: [
    ReceiveShelterReferralService,
    AdmitResidentService,
    DischargeResidentService,
    RegisterFacilityService,
    AdmissionRepository,
    FacilityRepository,
    RoomsQuery,
    FacilitiesQuery,
    ResidentsQuery,
  ],
})
class ShelterFeaturesModule implements OnModuleInit {
  constructor(
    private readonly ownership: OwnershipRegistry,
    private readonly rooms: RoomsQuery,
    private readonly announcer: DirectoryAnnouncer,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // An admission is the case worker's who holds its referral.
    this.ownership.register('admission', ownedThroughReferral('admission'));
    // The directory shows the free places.
    this.announcer.useCapacity(() => this.rooms.capacity(this.dataSource.manager));
  }
}

/** Temporary shelter (safe house): facilities and beds, referral inbox, admission with a safety plan, discharge (which completes the referral). */
@Module({})
export class ShelterModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: ShelterModule,
      imports: [
        ServiceNodeModule.forRoot({
          config,
          completion: 'by-node',
          // ReceiveOrDeclineWhenReferralRequested receives each referral: kept, or declined when no room fits her.
          receiving: 'by-node',
          entities: [Admission, Facility, Room],
          sealed: [SEALED_ADMISSION],
          migrations: [ShelterAdmissions1763900002000, ShelterFacilities1763900002100],
          imports: [ShelterFeaturesModule],
        }),
      ],
    };
  }
}
