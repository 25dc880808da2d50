import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OwnershipRegistry } from '@rujukan/auth';
import { DirectoryAnnouncer } from '@rujukan/messaging';
import type { NodeConfig } from '@rujukan/platform';
import { ownedThroughReferral, ReferralInboxService, ServiceNodeModule } from '@rujukan/service-node';
import { Admission } from './admissions/admission.entity.js';
import { AdmissionsHttpController } from './admissions/admissions.http.controller.js';
import { AdmissionsService } from './admissions/admissions.service.js';
import { FacilitiesHttpController } from './facilities/facilities.http.controller.js';
import { FacilitiesService } from './facilities/facilities.service.js';
import { Facility, Room } from './facilities/facility.entities.js';
import { ShelterAdmissions1763900002000 } from './migrations/1763900002000-shelter-admissions.js';
import { ShelterFacilities1763900002100 } from './migrations/1763900002100-shelter-facilities.js';

@Module({ controllers: [AdmissionsHttpController, FacilitiesHttpController], providers: [AdmissionsService, FacilitiesService] })
class ShelterFeaturesModule implements OnModuleInit {
  constructor(
    private readonly ownership: OwnershipRegistry,
    private readonly inbox: ReferralInboxService,
    private readonly admissions: AdmissionsService,
    private readonly facilities: FacilitiesService,
    private readonly announcer: DirectoryAnnouncer,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // An admission is the case worker's who holds its referral.
    this.ownership.register('admission', ownedThroughReferral('admission'));
    // A referral nobody can be placed for is declined as it arrives.
    this.inbox.whenReceived((tx, referral) => this.admissions.declineWhenFull(tx, referral));
    // The directory shows the free places.
    this.announcer.useCapacity(() => this.facilities.capacity(this.dataSource.manager));
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
          entities: [Admission, Facility, Room],
          migrations: [ShelterAdmissions1763900002000, ShelterFacilities1763900002100],
          imports: [ShelterFeaturesModule],
        }),
      ],
    };
  }
}
