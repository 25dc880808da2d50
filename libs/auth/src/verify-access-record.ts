import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { NodeKeys } from '@rujukan/messaging';
import { checkChain, type ChainBreak } from './access-record-chain.js';
import { AccessRecordChainQuery } from './access-record-chain.query.js';
import { readHeads } from './access-record-heads.js';
import { ACCESS_RECORD_CHAIN_SETTINGS, NODE_KEYS } from './access-record.constants.js';
import type { AccessRecordChainSettings } from './access-record-head.signer.js';

/** What the verifier found: the rows checked, the signed heads compared, and the first break if any. */
export interface AccessRecordReport {
  rows: number;
  lastSeq: string | null;
  headsChecked: number;
  broken: ChainBreak | null;
}

const BATCH = 2000;

/** Walks the whole chain, then compares it with every signed head: the command `verify-access-record`. */
@Injectable()
export class AccessRecordVerifier {
  constructor(
    private readonly chain: AccessRecordChainQuery,
    @Inject(ACCESS_RECORD_CHAIN_SETTINGS) private readonly settings: AccessRecordChainSettings,
    @Inject(NODE_KEYS) private readonly keys: NodeKeys | null,
  ) {}

  async verify(options: { headsFile?: string; publicKey?: KeyObject } = {}): Promise<AccessRecordReport> {
    let previous: { seq: string; hash: string } | null = null;
    let rows = 0;
    for (;;) {
      const batch = await this.chain.after(previous?.seq ?? '0', BATCH);
      if (!batch.length) break;
      const broken = checkChain(batch, previous);
      if (broken) return { rows: Number(BigInt(broken.seq) - 1n), lastSeq: previous?.seq ?? null, headsChecked: 0, broken };
      rows += batch.length;
      previous = batch.at(-1)!;
    }
    const headsFile = options.headsFile ?? this.settings.headsFile;
    const publicKey = options.publicKey ?? this.keys?.signingPublicKey;
    let headsChecked = 0;
    if (headsFile && publicKey) {
      const lastSeq = previous ? BigInt(previous.seq) : 0n;
      for (const { line, head, valid } of readHeads(headsFile, publicKey)) {
        if (!valid || !head) {
          return {
            rows,
            lastSeq: previous?.seq ?? null,
            headsChecked,
            broken: { seq: '?', id: null, problem: `${headsFile} line ${line}: its signature does not verify with the node's key` },
          };
        }
        headsChecked++;
        if (head.agency !== this.settings.agency) continue;
        if (BigInt(head.seq) > lastSeq) {
          const first = (lastSeq + 1n).toString();
          return {
            rows,
            lastSeq: previous?.seq ?? null,
            headsChecked,
            broken: {
              seq: first,
              id: null,
              problem: `row ${first} is missing: the head signed at ${head.signedAt} names row ${head.seq}, but the record ends at row ${lastSeq}: its tail was cut`,
            },
          };
        }
        const row = await this.chain.at(head.seq);
        if (row?.hash !== head.hash) {
          return {
            rows,
            lastSeq: previous?.seq ?? null,
            headsChecked,
            broken: {
              seq: head.seq,
              id: row?.id ?? null,
              problem: `row ${head.seq} is not the row signed at ${head.signedAt}: the record was rewritten up to it`,
            },
          };
        }
      }
    }
    return { rows, lastSeq: previous?.seq ?? null, headsChecked, broken: null };
  }
}

/** `verify-access-record [--heads FILE] [--public-key PEM]`: prints what it found; 0 when intact, 1 when broken. */
export async function runVerifyAccessRecordCommand(
  app: { get<T>(type: new (...args: never[]) => T): T },
  args: string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const pem = option('--public-key');
  const report = await app.get(AccessRecordVerifier).verify({
    headsFile: option('--heads'),
    publicKey: pem ? createPublicKey(readFileSync(pem)) : undefined,
  });
  if (report.broken) {
    out(`access record BROKEN at row ${report.broken.seq}${report.broken.id ? ` (id ${report.broken.id})` : ''}: ${report.broken.problem}`);
    out(`(${report.rows} rows before it are intact)`);
    return 1;
  }
  out(`access record intact: ${report.rows} rows, chain unbroken to row ${report.lastSeq ?? 'none'}`);
  out(
    report.headsChecked
      ? `${report.headsChecked} signed heads match`
      : 'no signed heads compared (set ACCESS_RECORD_HEADS_FILE and NODE_KEY_FILE): rows cut from the end would not be seen',
  );
  return 0;
}
