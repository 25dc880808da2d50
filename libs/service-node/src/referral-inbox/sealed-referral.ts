import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataKeys, SealedColumns, type SealedColumnsOf } from '@rujukan/messaging';
import { IncomingReferral } from './incoming-referral.entity.js';

/** What a service node holds about her, encrypted with her data key: the person as referred and the free text about her. */
export const SEALED_REFERRAL: SealedColumnsOf<IncomingReferral> = {
  entity: IncomingReferral,
  subject: 'victimId',
  text: ['consentOverrideReason', 'declineReason', 'revokeReason', 'completionNote'],
  json: ['person'],
};

/** The service node's sealed columns: opened as they load, sealed by the repository, plain rows of before sealed at start. */
@Injectable()
export class ReferralSealedColumns extends SealedColumns implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DataKeys');

  constructor(
    keys: DataKeys,
    private readonly dataSource: DataSource,
  ) {
    super(keys, [SEALED_REFERRAL]);
  }

  onModuleInit(): void {
    this.register(this.dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealPlainRows(this.dataSource, SEALED_REFERRAL);
    if (sealed) this.logger.log(`encrypted ${sealed} referrals stored in plain with their victims' data keys`);
  }
}
