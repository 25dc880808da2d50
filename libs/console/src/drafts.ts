/** Where drafts are kept in the browser's storage: `rujukan.draft.<keyId>.<form>`, ciphertext only. */
export const DRAFT_PREFIX = 'rujukan.draft.';

interface DraftKey {
  key: CryptoKey;
  id: string;
}

const fromBase64url = (s: string): Uint8Array<ArrayBuffer> => {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
};
const toBase64 = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};

/**
 * A form's draft that survives a closed tab: encrypted in this page with
 * AES-256-GCM under her draft key from the node (GET /auth/draft-key), which
 * is held in memory only, as a key the page cannot export; the browser's
 * storage holds only the ciphertext. Every end of the session wipes every
 * draft, and the node gives her a new key at sign-out, so a draft left
 * behind in another browser cannot be opened. Without WebCrypto (a page not
 * served over https) nothing is kept at all.
 */
export class Drafts {
  private key: Promise<DraftKey | null> = Promise.resolve(null);
  /** Raised by every wipe and discard: an encryption still running then is not written. */
  private version = 0;
  /** Forms opened since she signed in: a draft is put back once, in the first (the tab before was closed). */
  private readonly opened = new Set<string>();

  /** Her key, as the node answered it (or null when the node gave none). */
  open(answer: Promise<{ key: string; keyId: string } | null>): void {
    this.version++;
    this.opened.clear();
    this.key = answer
      .then(async (a) => {
        if (!a || !globalThis.crypto?.subtle) return null;
        const key = await crypto.subtle.importKey('raw', fromBase64url(a.key), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
        return { key, id: a.keyId };
      })
      .catch(() => null);
  }

  /** The session ended: the key is forgotten and every draft in this browser is wiped. */
  close(): void {
    this.version++;
    this.key = Promise.resolve(null);
    for (const name of Object.keys(localStorage)) if (name.startsWith(DRAFT_PREFIX)) localStorage.removeItem(name);
  }

  async save(form: string, value: unknown): Promise<boolean> {
    const version = this.version;
    const key = await this.key;
    if (!key) return false;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = new TextEncoder().encode(JSON.stringify(value));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(form) }, key.key, plain),
    );
    if (version !== this.version) return false;
    localStorage.setItem(`${DRAFT_PREFIX}${key.id}.${form}`, JSON.stringify({ iv: toBase64(iv), data: toBase64(sealed) }));
    return true;
  }

  /**
   * Her draft of the form, left by a tab she closed, or null: none, not hers
   * (another key, or one the node has since replaced), or the form was
   * opened already since she signed in (it then starts empty, as before).
   */
  async load<T>(form: string): Promise<T | null> {
    const key = await this.key;
    if (!key || this.opened.has(form)) return null;
    const stored = localStorage.getItem(`${DRAFT_PREFIX}${key.id}.${form}`);
    if (!stored) return null;
    try {
      const { iv, data } = JSON.parse(stored) as { iv: string; data: string };
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64url(iv), additionalData: new TextEncoder().encode(form) },
        key.key,
        fromBase64url(data),
      );
      return JSON.parse(new TextDecoder().decode(plain)) as T;
    } catch {
      localStorage.removeItem(`${DRAFT_PREFIX}${key.id}.${form}`);
      return null;
    }
  }

  /** The form is open now: later openings in this session start empty. */
  settle(form: string): void {
    this.opened.add(form);
  }

  /** The draft is done with (saved as a case, or thrown away). */
  async discard(form: string): Promise<void> {
    this.version++;
    const key = await this.key;
    if (key) localStorage.removeItem(`${DRAFT_PREFIX}${key.id}.${form}`);
  }
}
