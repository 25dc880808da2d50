import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { IncomingReferral } from './incoming-referral.entity.js';
import { holderOwnership } from './referral-ownership.js';
import { ReferralInboxEventHandler } from './referral-inbox.event-handler.js';
import { ReferralCompletionHttpController, ReferralInboxHttpController } from './referral-inbox.http.controller.js';
import { ReferralInboxService } from './referral-inbox.service.js';
import { SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from '../service-records/service-node.settings.js';
import { ServiceRecorder } from '../service-records/service-recorder.js';

/** The referral inbox of a service node. Needs MessagingModule and IncomingReferral in the data source. */
@Module({})
export class ReferralInboxModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  /** A referral is a case worker's when she accepted it, or while nobody has. */
  onModuleInit(): void {
    this.ownership.register('referral', async (manager, id, staff) => {
      const referral = await manager.getRepository(IncomingReferral).findOneBy({ referralId: id });
      if (!referral) return 'missing';
      return holderOwnership(referral.assigneeId, staff.staffId);
    });
  }

  /** `completion: 'endpoint'` adds POST /referrals/:id/complete; `'by-node'` leaves completion to the node's own use case. */
  static forRoot(options: { completion: 'endpoint' | 'by-node'; settings: ServiceNodeSettings }): DynamicModule {
    return {
      module: ReferralInboxModule,
      // Global so a node's own modules (the shelter's admissions) can use the inbox service.
      global: true,
      controllers: [
        ReferralInboxHttpController,
        ReferralInboxEventHandler,
        ...(options.completion === 'endpoint' ? [ReferralCompletionHttpController] : []),
      ],
      providers: [ReferralInboxService, ServiceRecorder, { provide: SERVICE_NODE_SETTINGS, useValue: options.settings }],
      exports: [ReferralInboxService, ServiceRecorder, SERVICE_NODE_SETTINGS],
    };
  }
}
