import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { ConsentRecord } from '../consent/consent-record.entity.js';
import { ConsentRepository } from '../consent/consent.repository.js';

@Injectable()
export class ListConsentsService {
  constructor(private readonly consents: ConsentRepository) {}

  list(tx: Transaction, victimId: string): Promise<ConsentRecord[]> {
    return this.consents.ofVictim(tx, victimId);
  }
}
