import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { canonicalJson, verifyNodeSignature, type NodeKeys } from '@rujukan/messaging';

/** What the node signs about its access record at intervals: its agency, the last row's seq and hash, and when. */
export interface AccessRecordHead {
  agency: string;
  seq: string;
  hash: string;
  signedAt: string;
}

/** One line of the heads file: a head and the node's Ed25519 signature over `canonicalJson(head)`. */
export interface SignedHead {
  head: AccessRecordHead;
  signature: string;
}

/** Signs a head with the node's key. */
export function signHead(keys: NodeKeys, head: AccessRecordHead): SignedHead {
  return { head, signature: keys.sign(canonicalJson(head)) };
}

/** Appends a signed head to the file the agency keeps off the node (one JSON object a line). */
export function appendHead(path: string, signed: SignedHead): void {
  appendFileSync(path, `${JSON.stringify(signed)}\n`, { mode: 0o640 });
}

/** The heads in a file, each with whether its signature verifies under `publicKey` (line numbers from 1). */
export function readHeads(
  path: string,
  publicKey: NodeKeys['signingPublicKey'],
): Array<{ line: number; head?: AccessRecordHead; valid: boolean }> {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      try {
        const signed = JSON.parse(text) as SignedHead;
        return { line, head: signed.head, valid: verifyNodeSignature(publicKey, canonicalJson(signed.head), signed.signature) };
      } catch {
        return { line, valid: false };
      }
    });
}
