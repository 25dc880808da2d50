import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { AnswerReferralHttpController } from '../answer-referral/answer-referral.http.controller.js';
import { CompleteReferralHttpController } from '../complete-referral/complete-referral.http.controller.js';
import { EraseVictimService } from '../erase-victim/erase-victim.service.js';
import { EraseWhenErasureRequested } from '../erase-victim/erase-when-erasure-requested.event-handler.js';
import { ErasureOnward } from '../erase-victim/erasure-onward.js';
import { VictimErasureRepository } from '../erase-victim/victim-erasure.repository.js';
import { RecordLegalHoldHttpController } from '../record-legal-hold/record-legal-hold.http.controller.js';
import { RecordLegalHoldService } from '../record-legal-hold/record-legal-hold.service.js';
import { ListReferralsHttpController } from '../list-referrals/list-referrals.http.controller.js';
import { ReferralLookupQuery } from '../queries/referral-lookup.query.js';
import { ReferralsForStaffQuery } from '../queries/referrals-for-staff.query.js';
import { ReceiveReferralService } from '../receive-referral/receive-referral.service.js';
import { ReceiveWhenReferralRequested } from '../receive-referral/receive-when-referral-requested.event-handler.js';
import { RevokeReferralService } from '../revoke-referral/revoke-referral.service.js';
import { RevokeWhenReferralRevoked } from '../revoke-referral/revoke-when-referral-revoked.event-handler.js';
import { SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from '../service-records/service-node.settings.js';
import { ServiceRecorder } from '../service-records/service-recorder.js';
import { IncomingReferralRepository } from './incoming-referral.repository.js';
import { ReferralInboxService } from './referral-inbox.service.js';
import { referralOwnership } from './referral-ownership.js';
import { ReferralSealedColumns, SEALED_RECORDS, type SealedRecords } from './sealed-referral.js';
import { EraseAfterRetentionService } from '../erase-after-retention/erase-after-retention.service.js';
import { EraseAfterRetentionSweep } from '../erase-after-retention/erase-after-retention.sweep.js';

export interface ReferralInboxOptions {
  /** `'endpoint'` adds POST /referrals/:id/complete; `'by-node'` leaves completion to the node's own use case. */
  completion: 'endpoint' | 'by-node';
  /**
   * `'inbox'` keeps every referral as it arrives; `'by-node'`: the node has
   * its own ReferralRequested handler, which calls ReceiveReferralService and
   * applies its rule to the new referral (the shelter declines when no room fits).
   */
  receiving: 'inbox' | 'by-node';
  settings: ServiceNodeSettings;
  /** The node's own records about her, sealed with their referral's data key (SEALED_RECORDS). */
  sealed?: SealedRecords;
}

/** The referral inbox of a service node. Needs MessagingModule and IncomingReferral in the data source. */
@Module({})
export class ReferralInboxModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  /** A referral is a case worker's when she accepted it, or while nobody has. */
  onModuleInit(): void {
    this.ownership.register('referral', (manager, id, staff) => referralOwnership(manager, id, staff));
  }

  static forRoot(options: ReferralInboxOptions): DynamicModule {
    const exported = [
      ErasureOnward,
      ReferralSealedColumns,
      ReferralInboxService,
      ReceiveReferralService,
      ReferralsForStaffQuery,
      ReferralLookupQuery,
      ServiceRecorder,
    ];
    return {
      module: ReferralInboxModule,
      // Global so a node's own modules (the shelter's admissions) can use the inbox service.
      global: true,
      controllers: [
        ListReferralsHttpController,
        AnswerReferralHttpController,
        ...(options.receiving === 'inbox' ? [ReceiveWhenReferralRequested] : []),
        RevokeWhenReferralRevoked,
        EraseWhenErasureRequested,
        RecordLegalHoldHttpController,
        ...(options.completion === 'endpoint' ? [CompleteReferralHttpController] : []),
      ],
      providers: [
        ...exported,
        IncomingReferralRepository,
        RevokeReferralService,
        EraseVictimService,
        VictimErasureRepository,
        RecordLegalHoldService,
        EraseAfterRetentionService,
        EraseAfterRetentionSweep,
        { provide: SERVICE_NODE_SETTINGS, useValue: options.settings },
        { provide: SEALED_RECORDS, useValue: options.sealed ?? [] },
      ],
      exports: [...exported, SERVICE_NODE_SETTINGS],
    };
  }
}
