import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';

/** The agencies a node sent one victim's data to itself (beyond intake's referral): they get her erasure request from it. */
export type OnwardRecipients = (tx: Transaction, victimId: string) => Promise<string[]>;

/** Where a node's own use cases say they sent her data (legal aid: the health agencies of its visum requests). */
@Injectable()
export class ErasureOnward {
  private readonly sources: OnwardRecipients[] = [];

  register(source: OnwardRecipients): void {
    this.sources.push(source);
  }

  async of(tx: Transaction, victimId: string): Promise<string[]> {
    const all = await Promise.all(this.sources.map((s) => s(tx, victimId)));
    return [...new Set(all.flat())].sort();
  }
}
