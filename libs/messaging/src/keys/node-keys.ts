import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** A key pair as PEM: PKCS#8 (private) and SPKI (public). */
export interface PemPair {
  privateKey: string;
  publicKey: string;
}

/**
 * The node's key file (design.md section 9): kept outside the database,
 * owned by the agency and backed up apart from it. Version 1 holds the
 * Ed25519 pair the node signs with and the X25519 pair others seal to
 * (added to an older file at the next start); a rotated X25519 pair moves to
 * `retiredX25519`, kept so events sealed to it still open. A rotated Ed25519
 * pair waits as `nextEd25519`: both sign until the rotation is finished.
 * `masterKey` (32 random bytes, base64) encrypts what the node keeps secret at
 * rest (TOTP secrets; the victims' data keys later), added to an older file at
 * the next start too (members this version does not know are left as they are).
 */
export interface NodeKeyFile {
  version: 1;
  createdAt: string;
  ed25519: PemPair;
  /** A new signing pair while its rotation runs: the node signs with both until `keys finish-signing-rotation`. */
  nextEd25519?: PemPair & { createdAt: string };
  /** Signing pairs rotated out, kept for the record only (nothing is signed with them). */
  retiredEd25519?: Array<PemPair & { retiredAt: string }>;
  x25519?: PemPair & { createdAt?: string };
  retiredX25519?: Array<PemPair & { retiredAt: string }>;
  masterKey?: string;
  [later: string]: unknown;
}

/** An agency's public keys as the registry carries them (SPKI PEM). */
export interface AgencyPublicKeys {
  /** Others seal to it. */
  x25519: string;
  /** It signs with it. */
  ed25519: string;
}

/** The fingerprint an admin compares: SHA-256 of the key's SPKI DER, hex in groups of four. */
export function keyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const hex = createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  return hex.match(/.{4}/g)!.join(':');
}

/** The node's keys, loaded. */
export class NodeKeys {
  private readonly openingKeys: ReadonlyMap<string, KeyObject>;

  private constructor(
    /** Where the file is. */
    readonly path: string,
    private readonly signingKey: KeyObject,
    readonly signingPublicKey: KeyObject,
    /** The next signing key while a rotation runs. */
    private readonly nextSigningKey: KeyObject | undefined,
    /** The X25519 key others seal to now. */
    readonly sealingPublicKey: KeyObject,
    /** Current first, then retired ones, each by its public key's fingerprint. */
    openingKeys: Array<[string, KeyObject]>,
    /** The AES-256 key for what the node keeps secret at rest (at-rest.ts); never leaves the key file. */
    readonly masterKey: KeyObject,
  ) {
    this.openingKeys = new Map(openingKeys);
  }

  /** Loads the key file at `path`, making it (mode 0600) if there is none yet: a node's first start. */
  static loadOrCreate(path: string): NodeKeys {
    if (!existsSync(path)) createKeyFile(path);
    let file = readKeyFile(path);
    if (!file.x25519?.privateKey || !file.masterKey) {
      // A file made before sealing, or before secrets were encrypted at rest: what it lacks is added, the rest stays.
      // Under the file's lock, from what the file holds then: of two processes starting at once (a node and one of
      // its commands), the second finds the first's keys and keeps them.
      file = changeKeyFile(path, (current) =>
        current.x25519?.privateKey && current.masterKey
          ? null
          : {
              ...current,
              x25519: current.x25519?.privateKey ? current.x25519 : { ...newPair('x25519'), createdAt: new Date().toISOString() },
              masterKey: current.masterKey ?? newMasterKey(),
            },
      );
    }
    const masterKey = Buffer.from(file.masterKey!, 'base64');
    if (masterKey.length !== 32) throw new Error(`NODE_KEY_FILE ${path}: its master key is not 32 bytes`);
    const privateKey = createPrivateKey(file.ed25519.privateKey);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`NODE_KEY_FILE ${path}: its signing key is not Ed25519`);
    const opening: Array<[string, KeyObject]> = [];
    for (const pair of [file.x25519!, ...(file.retiredX25519 ?? [])]) {
      const key = createPrivateKey(pair.privateKey);
      if (key.asymmetricKeyType !== 'x25519') throw new Error(`NODE_KEY_FILE ${path}: a sealing key is not X25519`);
      opening.push([keyFingerprint(createPublicKey(key)), key]);
    }
    const next = file.nextEd25519 ? createPrivateKey(file.nextEd25519.privateKey) : undefined;
    if (next && next.asymmetricKeyType !== 'ed25519') throw new Error(`NODE_KEY_FILE ${path}: its next signing key is not Ed25519`);
    return new NodeKeys(
      path,
      privateKey,
      createPublicKey(privateKey),
      next,
      createPublicKey(createPrivateKey(file.x25519!.privateKey)),
      opening,
      createSecretKey(masterKey),
    );
  }

  /**
   * Starts a signing key's rotation: a new Ed25519 pair waits beside the
   * current one and the node signs every event with both, so receivers that
   * still pin the old key and those that accepted the new one both verify.
   * Returns the public keys to sign into the registry (the new signing key).
   * Refused while a rotation already runs.
   */
  static rotateSigningKey(path: string): AgencyPublicKeys {
    NodeKeys.loadOrCreate(path);
    changeKeyFile(path, (file) => {
      if (file.nextEd25519)
        throw new Error(`NODE_KEY_FILE ${path}: a signing rotation already runs; finish it first (keys finish-signing-rotation)`);
      return { ...file, nextEd25519: { ...newPair('ed25519'), createdAt: new Date().toISOString() } };
    });
    return NodeKeys.loadOrCreate(path).publicKeys;
  }

  /**
   * Ends the rotation: the next key becomes the only one the node signs with
   * (the old pair is kept for the record only). Run it once every agency that
   * receives from this node has accepted the new fingerprint: until then its
   * node refuses what only the new key signed.
   */
  static finishSigningRotation(path: string): AgencyPublicKeys {
    changeKeyFile(path, (file) => {
      if (!file.nextEd25519) throw new Error(`NODE_KEY_FILE ${path}: no signing rotation runs (keys rotate-signing starts one)`);
      const { createdAt: _made, ...next } = file.nextEd25519;
      const retired = [{ ...file.ed25519, retiredAt: new Date().toISOString() }, ...(file.retiredEd25519 ?? [])];
      const { nextEd25519: _next, ...rest } = file;
      return { ...rest, ed25519: next, retiredEd25519: retired };
    });
    return NodeKeys.loadOrCreate(path).publicKeys;
  }

  /**
   * Makes a new X25519 pair the current one and keeps the old one under
   * `retiredX25519`, so events already sealed to it still open. Returns the
   * new public keys: the PPA office signs them into the registry.
   */
  static rotateSealingKey(path: string): AgencyPublicKeys {
    NodeKeys.loadOrCreate(path);
    changeKeyFile(path, (file) => {
      const now = new Date().toISOString();
      const retired = [
        { privateKey: file.x25519!.privateKey, publicKey: file.x25519!.publicKey, retiredAt: now },
        ...(file.retiredX25519 ?? []),
      ];
      return { ...file, x25519: { ...newPair('x25519'), createdAt: now }, retiredX25519: retired };
    });
    return NodeKeys.loadOrCreate(path).publicKeys;
  }

  /** Base64 Ed25519 signature of `data`. */
  sign(data: string | Buffer): string {
    return sign(null, Buffer.from(data), this.signingKey).toString('base64');
  }

  /** While a signing rotation runs: the next key's signature of `data`; otherwise undefined. */
  signWithNext(data: string | Buffer): string | undefined {
    return this.nextSigningKey && sign(null, Buffer.from(data), this.nextSigningKey).toString('base64');
  }

  /** The X25519 private key whose public key has this fingerprint (current or retired), if this node holds it. */
  openingKey(fingerprint: string): KeyObject | undefined {
    return this.openingKeys.get(fingerprint);
  }

  /** The public signing key as SPKI PEM (what others pin). */
  get signingPublicKeyPem(): string {
    return this.signingPublicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** The public keys the registry must carry for this node's agency (during a signing rotation, the new signing key). */
  get publicKeys(): AgencyPublicKeys {
    const ed25519 = this.nextSigningKey
      ? createPublicKey(this.nextSigningKey).export({ type: 'spki', format: 'pem' }).toString()
      : this.signingPublicKeyPem;
    return { x25519: this.sealingPublicKey.export({ type: 'spki', format: 'pem' }).toString(), ed25519 };
  }
}

/** True when `signature` (base64) is `publicKey`'s Ed25519 signature of `data`. */
export function verifyNodeSignature(publicKey: KeyObject | string, data: string | Buffer, signature: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? publicKeyOf(publicKey) : publicKey;
    return verify(null, Buffer.from(data), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Registry keys parsed once each: a rebuild verifies thousands of batches from a handful of senders. */
const parsedKeys = new Map<string, KeyObject>();
function publicKeyOf(pem: string): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (parsedKeys.size >= 1000) parsedKeys.clear();
    parsedKeys.set(pem, key);
  }
  return key;
}

function readKeyFile(path: string): NodeKeyFile {
  let file: NodeKeyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as NodeKeyFile;
  } catch (err) {
    throw new Error(`NODE_KEY_FILE ${path} is not a node key file: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (file.version !== 1 || !file.ed25519?.privateKey) throw new Error(`NODE_KEY_FILE ${path} holds no Ed25519 key (version 1)`);
  return file;
}

function newPair(type: 'ed25519' | 'x25519'): PemPair {
  const { privateKey, publicKey } = type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function newMasterKey(): string {
  return randomBytes(32).toString('base64');
}

function writeTemp(path: string, file: NodeKeyFile): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.new`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** Writes a new key file without ever overwriting one: two processes starting at once keep the first. */
function createKeyFile(path: string): void {
  const now = new Date().toISOString();
  const temp = writeTemp(path, {
    version: 1,
    createdAt: now,
    ed25519: newPair('ed25519'),
    x25519: { ...newPair('x25519'), createdAt: now },
    masterKey: newMasterKey(),
  });
  try {
    linkSync(temp, path); // fails if another process made it first
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
}

/** Replaces the key file in one step (rename): a crash leaves the old file or the new one, never half of one. */
function replaceKeyFile(path: string, file: NodeKeyFile): void {
  renameSync(writeTemp(path, file), path);
}

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;

/**
 * Changes the key file under its lock (`<path>.lock`, made exclusively):
 * `change` gets the file as it is now and returns the new content, or null
 * for no change. Two processes changing it at once therefore never each
 * write a key of their own, one losing the other's. Returns the file as it is after.
 */
function changeKeyFile(path: string, change: (file: NodeKeyFile) => NodeKeyFile | null): NodeKeyFile {
  const lock = `${path}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 20) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
      } catch {
        // gone meanwhile: try again
      }
      if (waited > 2 * STALE_LOCK_MS)
        throw new Error(`NODE_KEY_FILE ${path}: ${lock} is held; is another process changing the key file?`, { cause: err });
      Atomics.wait(pause, 0, 0, 20);
    }
  }
  try {
    const current = readKeyFile(path);
    const next = change(current);
    if (!next) return current;
    replaceKeyFile(path, next);
    return next;
  } finally {
    unlinkSync(lock);
  }
}
