import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataKeys, SealedColumns, type SealedColumnsOf } from '@rujukan/messaging';
import { Referral } from './referral.entity.js';
import { Victim } from './victim.entity.js';

/**
 * What identifies her at intake, encrypted with her data key (design.md
 * section 9): name, birth date, address, NIK and safety notes. What reporting
 * counts (sex, age, district, education, occupation, disabilities) stays in plain.
 */
export const SEALED_VICTIM: SealedColumnsOf<Victim> = {
  entity: Victim,
  subject: 'id',
  text: ['name', 'birthDate', 'address', 'idNumber', 'safetyNotes'],
};

/** A referral's words about her (the request's notes, the answer's or revocation's reason), sealed with her data key too. */
export const SEALED_REFERRAL: SealedColumnsOf<Referral> = {
  entity: Referral,
  subject: 'victimId',
  text: ['requestNotes', 'consentOverrideReason', 'outcomeNote'],
};

const SEALED = [SEALED_VICTIM, SEALED_REFERRAL];

/** Intake's sealed columns: opened as they load, sealed by the repositories, plain rows of before sealed at start. */
@Injectable()
export class IntakeSealedColumns extends SealedColumns implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DataKeys');

  constructor(
    keys: DataKeys,
    private readonly dataSource: DataSource,
  ) {
    super(keys, SEALED);
  }

  onModuleInit(): void {
    this.register(this.dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const spec of SEALED) {
      const sealed = await this.sealPlainRows(this.dataSource, spec);
      if (sealed) this.logger.log(`encrypted ${sealed} ${spec.entity.name} rows stored in plain with their victims' data keys`);
    }
  }
}
