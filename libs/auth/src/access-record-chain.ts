import { createHash } from 'node:crypto';

/** The advisory lock the access record's chain is extended under (the outbox relay's is 727001). */
export const ACCESS_RECORD_CHAIN_LOCK = 727101;

/** The previous hash of the first row. */
export const CHAIN_START = '0'.repeat(64);

/** The columns a row's hash covers, as the database hands them back. */
export interface ChainedRow {
  id: string;
  seq: string;
  at: Date;
  staffId: string;
  role: string;
  action: string;
  resource: string;
  resourceId: string | null;
  route: string;
  fromAddress: string | null;
  notOwner: boolean;
  outcome: string;
  prevHash: string;
  hash: string;
}

const field = (v: string | null) => (v === null ? 'n' : `s${Buffer.from(v, 'utf8').toString('hex')}`);

/**
 * A row's hash, computed here independently of the database's trigger
 * (`access_record_digest` in AccessRecordChain1763900000210): sha256 of the
 * previous hash, ':', and the fields joined with '.', each text field 'n'
 * for null or 's' and its UTF-8 bytes in hex.
 */
export function accessRecordDigest(prevHash: string, r: Omit<ChainedRow, 'id' | 'prevHash' | 'hash'>): string {
  const fields = [
    String(r.seq),
    String(r.at.getTime()),
    field(r.staffId),
    field(r.role),
    field(r.action),
    field(r.resource),
    field(r.resourceId),
    field(r.route),
    field(r.fromAddress),
    r.notOwner ? 't' : 'f',
    field(r.outcome),
  ];
  return createHash('sha256')
    .update(`${prevHash}:${fields.join('.')}`, 'utf8')
    .digest('hex');
}

/** The first row that breaks the chain, and how. */
export interface ChainBreak {
  seq: string;
  id: string | null;
  problem: string;
}

/**
 * Follows the chain over rows in `seq` order, from `previous` (the last row
 * already checked, or none): each row must come next in sequence, name the
 * previous row's hash, and hash to what it holds.
 */
export function checkChain(rows: readonly ChainedRow[], previous: { seq: string; hash: string } | null): ChainBreak | null {
  let prev = previous;
  for (const r of rows) {
    const expectedSeq = prev ? BigInt(prev.seq) + 1n : 1n;
    if (BigInt(r.seq) !== expectedSeq) {
      return {
        seq: expectedSeq.toString(),
        id: null,
        problem: `row ${expectedSeq} is missing (the next row is ${r.seq}, id ${r.id}): rows were deleted`,
      };
    }
    const prevHash = prev?.hash ?? CHAIN_START;
    if (r.prevHash !== prevHash) {
      return {
        seq: r.seq,
        id: r.id,
        problem: `row ${r.seq} (id ${r.id}) does not follow row ${prev?.seq ?? 'none'}: its previous hash differs`,
      };
    }
    if (accessRecordDigest(prevHash, r) !== r.hash) {
      return {
        seq: r.seq,
        id: r.id,
        problem: `row ${r.seq} (id ${r.id}) was changed after it was written: its content does not match its hash`,
      };
    }
    prev = r;
  }
  return null;
}
