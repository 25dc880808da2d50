import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
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

/**
 * A node's own records about her (an admission's safety plan, a health
 * record's notes, a legal stage's notes...), each spec's subject being the
 * property that holds the referral's id: they are sealed with the referral's
 * own data key, which every erasure of her destroys with her own
 * (destroyVictimKeys), and the forgetting of a declined or revoked referral
 * with the rows it leaves (EraseAfterRetentionService).
 */
export const SEALED_RECORDS = Symbol('SEALED_RECORDS');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list holds the specs of several entities
export type SealedRecords = ReadonlyArray<SealedColumnsOf<any>>;

/** The service node's sealed columns: opened as they load, sealed by the repositories, plain rows of before sealed at start. */
@Injectable()
export class ReferralSealedColumns extends SealedColumns implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DataKeys');
  private readonly records: SealedRecords;

  constructor(
    keys: DataKeys,
    private readonly dataSource: DataSource,
    @Optional() @Inject(SEALED_RECORDS) records?: SealedRecords,
  ) {
    super(keys, [SEALED_REFERRAL, ...(records ?? [])]);
    this.records = records ?? [];
  }

  onModuleInit(): void {
    this.register(this.dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealPlainRows(this.dataSource, SEALED_REFERRAL);
    if (sealed) this.logger.log(`encrypted ${sealed} referrals stored in plain with their victims' data keys`);
    for (const spec of this.records) {
      const records = await this.sealPlainRows(this.dataSource, spec);
      if (records) this.logger.log(`encrypted ${records} rows of ${spec.entity.name} stored in plain with their referrals' data keys`);
    }
  }
}
