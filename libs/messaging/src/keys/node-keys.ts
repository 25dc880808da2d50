import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The node's key file (design.md section 9): kept outside the database,
 * owned by the agency and backed up apart from it. Version 1 holds the
 * Ed25519 pair the node signs with; the X25519 pair others seal to and the
 * master key that wraps the victims' data keys are further members of the
 * same object, added when they are needed (members this version does not
 * know are left as they are).
 */
export interface NodeKeyFile {
  version: 1;
  createdAt: string;
  /** PKCS#8 (private) and SPKI (public) PEM. */
  ed25519: { privateKey: string; publicKey: string };
  [later: string]: unknown;
}

/** The node's keys, loaded. */
export class NodeKeys {
  private constructor(
    /** Where the file is. */
    readonly path: string,
    private readonly signingKey: KeyObject,
    readonly signingPublicKey: KeyObject,
  ) {}

  /** Loads the key file at `path`, making it (mode 0600) if there is none yet: a node's first start. */
  static loadOrCreate(path: string): NodeKeys {
    if (!existsSync(path)) createKeyFile(path);
    let file: NodeKeyFile;
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as NodeKeyFile;
    } catch (err) {
      throw new Error(`NODE_KEY_FILE ${path} is not a node key file: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (file.version !== 1 || !file.ed25519?.privateKey) throw new Error(`NODE_KEY_FILE ${path} holds no Ed25519 key (version 1)`);
    const privateKey = createPrivateKey(file.ed25519.privateKey);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`NODE_KEY_FILE ${path}: its signing key is not Ed25519`);
    return new NodeKeys(path, privateKey, createPublicKey(privateKey));
  }

  /** Base64 Ed25519 signature of `data`. */
  sign(data: string | Buffer): string {
    return sign(null, Buffer.from(data), this.signingKey).toString('base64');
  }

  /** The public signing key as SPKI PEM (what others pin). */
  get signingPublicKeyPem(): string {
    return this.signingPublicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

/** True when `signature` (base64) is `publicKey`'s Ed25519 signature of `data`. */
export function verifyNodeSignature(publicKey: KeyObject | string, data: string | Buffer, signature: string): boolean {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  try {
    return verify(null, Buffer.from(data), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Writes a new key file without ever overwriting one: two processes starting at once keep the first. */
function createKeyFile(path: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const file: NodeKeyFile = {
    version: 1,
    createdAt: new Date().toISOString(),
    ed25519: {
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.new`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path); // fails if another process made it first
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
}
