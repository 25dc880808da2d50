import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { NodeKeys } from '@rujukan/messaging';
import { AccessRecordChainQuery } from './access-record-chain.query.js';
import { appendHead, signHead } from './access-record-heads.js';
import { ACCESS_RECORD_CHAIN_SETTINGS, NODE_KEYS } from './access-record.constants.js';

export interface AccessRecordChainSettings {
  agency: string;
  headsFile?: string;
  signIntervalSeconds: number;
  /** False for commands (verify, staff ...): only a serving node signs. */
  sign: boolean;
}

/**
 * Signs the access record's head with the node's Ed25519 key at intervals
 * and appends it to the heads file, off the node, whenever it moved: rows cut
 * from the end of the record (which leave an intact chain behind) are found
 * by comparing the record with the last head signed.
 */
@Injectable()
export class AccessRecordHeadSigner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AccessRecord');
  private timer?: NodeJS.Timeout;
  private lastSigned?: string;
  private running?: Promise<void>;

  constructor(
    @Inject(ACCESS_RECORD_CHAIN_SETTINGS) private readonly settings: AccessRecordChainSettings,
    @Inject(NODE_KEYS) private readonly keys: NodeKeys | null,
    private readonly chain: AccessRecordChainQuery,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.sign || !this.settings.headsFile || !this.keys) return;
    this.timer = setInterval(() => {
      this.running ??= this.signNow()
        .then(() => undefined)
        .catch((err: unknown) =>
          this.log.error(`could not sign the access record's head: ${err instanceof Error ? err.message : String(err)}`),
        )
        .finally(() => (this.running = undefined));
    }, this.settings.signIntervalSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Signs and appends the current head if it moved since the last one signed; the head signed, if any. */
  async signNow(): Promise<string | undefined> {
    if (!this.settings.headsFile || !this.keys) return undefined;
    const head = await this.chain.head();
    if (!head || head.seq === this.lastSigned) return undefined;
    appendHead(
      this.settings.headsFile,
      signHead(this.keys, { agency: this.settings.agency, seq: head.seq, hash: head.hash, signedAt: new Date().toISOString() }),
    );
    this.lastSigned = head.seq;
    return head.seq;
  }
}
