import { useSyncExternalStore } from 'react';
import { Drafts } from './drafts.js';

/** Why the console shows the sign-in page again. */
export type SignedOutReason = 'idle' | 'ended' | 'signed-out' | null;

interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working (ms since the epoch, by this browser's clock). */
  expiresAt: number;
  lifetime: number;
  role: string;
  idleSeconds: number;
}

export interface SessionState {
  signedIn: boolean;
  role: string | null;
  reason: SignedOutReason;
  /** Why the node refused a sign-in through the identity provider (POST /auth/oidc/callback's `refusal`). */
  refusal?: string;
}

/** A way to sign in besides local accounts (GET /auth/providers). */
export interface SignInProvider {
  id: string;
  name: string;
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  role: string;
  refreshToken?: string;
  next?: string;
  idleSeconds?: number;
}

/** A fresh key for one submit (Idempotency-Key): a double click sends one key, so it has one effect. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

/**
 * The console's session, kept in memory only (a closed tab signs out): the
 * short-lived access token, refreshed while she works (one refresh at a
 * time; each refresh token works once); signed out after `idleSeconds`
 * without a key press or a click, or when the node refuses the session
 * (disabled account, changed role, signed out elsewhere).
 */
export class Session {
  private tokens: Tokens | null = null;
  private state: SessionState = { signedIn: false, role: null, reason: null };
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | null = null;
  private lastActivity = Date.now();
  private activeSinceRefresh = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The signed-in staff member's id (the access token's subject), to tell her referrals from the others'. */
  staffId(): string | null {
    const payload = this.tokens?.accessToken.split('.')[1];
    if (!payload) return null;
    try {
      const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
      return typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }

  /** Refreshes made (the browser test counts them). */
  refreshes = 0;

  constructor(private readonly base = '') {
    for (const event of ['keydown', 'pointerdown'] as const) {
      window.addEventListener(event, () => {
        this.lastActivity = Date.now();
        this.activeSinceRefresh = true;
      });
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): SessionState => this.state;

  private set(state: SessionState): void {
    this.state = state;
    document.body.dataset.session = state.signedIn ? 'signed-in' : 'signed-out';
    for (const l of this.listeners) l();
  }

  /** Signs in; answers the reason it did not (`failed`, or the step the account must finish first). */
  async signIn(username: string, password: string, code?: string): Promise<'ok' | 'failed' | 'next-step' | 'second-factor'> {
    const res = await fetch(`${this.base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, ...(code ? { code } : {}) }),
    });
    const body = (await res.json().catch(() => ({}))) as TokenAnswer & { secondFactorRequired?: boolean };
    if (res.status === 401 && body.secondFactorRequired) return 'second-factor';
    if (!res.ok) return 'failed';
    if (body.next || !body.refreshToken) return 'next-step';
    this.begin(body);
    return 'ok';
  }

  /** A session begins (a local sign-in, or one through the identity provider). */
  private begin(answer: TokenAnswer): void {
    // The key is asked for once the tokens are in, but promised before the pages are shown: a form opened at once waits for it.
    let accepted!: () => void;
    this.drafts.open(new Promise<void>((resolve) => (accepted = resolve)).then(() => this.draftKey()));
    this.accept(answer);
    accepted();
    this.lastActivity = Date.now();
    this.timer ??= setInterval(() => void this.tick(), 1000);
  }

  /** The identity providers this node signs in with (none when the request fails). */
  async providers(): Promise<SignInProvider[]> {
    const res = await fetch(`${this.base}/auth/providers`).catch(() => null);
    if (!res?.ok) return [];
    return ((await res.json()) as { providers: SignInProvider[] }).providers;
  }

  /** Sends her to the identity provider's sign-in page (the node keeps the state, nonce and PKCE verifier). */
  async startProviderSignIn(): Promise<boolean> {
    const res = await fetch(`${this.base}/auth/oidc/start`, { method: 'POST' }).catch(() => null);
    if (!res?.ok) {
      this.set({ ...this.state, refusal: 'provider-unavailable' });
      return false;
    }
    location.assign(((await res.json()) as { authorizationUrl: string }).authorizationUrl);
    return true;
  }

  /**
   * Back from the provider with `?code=&state=` (or `?error=`): the node
   * finishes the sign-in and answers the session, or why it refused.
   */
  async finishProviderSignIn(params: URLSearchParams): Promise<void> {
    const code = params.get('code');
    const state = params.get('state');
    if (!code || !state) return this.set({ signedIn: false, role: null, reason: null, refusal: 'provider-refused' });
    const res = await fetch(`${this.base}/auth/oidc/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, state }),
    }).catch(() => null);
    const body = (await res?.json().catch(() => ({}))) as TokenAnswer & { refusal?: string };
    if (!res?.ok || !body.refreshToken)
      return this.set({ signedIn: false, role: null, reason: null, refusal: body?.refusal ?? 'provider-unavailable' });
    this.begin(body);
  }

  /** Her drafts' key, held in memory only (see Drafts). */
  private async draftKey(): Promise<{ key: string; keyId: string } | null> {
    const res = await this.fetch(new Request(`${this.base}/auth/draft-key`)).catch(() => null);
    return res?.ok ? ((await res.json()) as { key: string; keyId: string }) : null;
  }

  /** Her forms' drafts: encrypted under a key from the node, wiped when the session ends. */
  readonly drafts = new Drafts();

  private accept(answer: TokenAnswer): void {
    this.tokens = {
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken!,
      expiresAt: Date.now() + answer.expiresIn * 1000,
      lifetime: answer.expiresIn * 1000,
      role: answer.role,
      idleSeconds: answer.idleSeconds ?? 1800,
    };
    this.activeSinceRefresh = false;
    document.body.dataset.tokenExpiresAt = String(this.tokens.expiresAt);
    if (!this.state.signedIn || this.state.role !== answer.role) this.set({ signedIn: true, role: answer.role, reason: null });
  }

  /** Once a second: the idle timeout, and a refresh before the token ends while she is working. */
  private async tick(): Promise<void> {
    const tokens = this.tokens;
    if (!tokens) return;
    if (Date.now() - this.lastActivity > tokens.idleSeconds * 1000) return this.signOut('idle');
    const left = tokens.expiresAt - Date.now();
    if (this.activeSinceRefresh && left < Math.min(60_000, tokens.lifetime / 2)) await this.refresh();
  }

  /** One refresh at a time; false when the node ended the session (then she is signed out). */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const tokens = this.tokens;
      if (!tokens) return false;
      const res = await fetch(`${this.base}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: tokens.refreshToken }),
      }).catch(() => null);
      if (!res) return false; // offline: keep the session, try again at the next call
      if (!res.ok) {
        this.end('ended');
        return false;
      }
      this.refreshes++;
      document.body.dataset.refreshes = String(this.refreshes);
      this.accept((await res.json()) as TokenAnswer);
      return true;
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** `fetch` for the API client: the bearer token, refreshed first if it has ended, and once more on a 401. */
  fetch = async (request: Request): Promise<Response> => {
    if (this.tokens && this.tokens.expiresAt - Date.now() < 5000) await this.refresh();
    const retry = request.clone();
    const first = await fetch(this.authorize(request));
    if (first.status !== 401 || !this.tokens) return first;
    if (!(await this.refresh())) return first;
    return fetch(this.authorize(retry));
  };

  private authorize(request: Request): Request {
    const headers = new Headers(request.headers);
    if (this.tokens) headers.set('authorization', `Bearer ${this.tokens.accessToken}`);
    return new Request(request, { headers });
  }

  /** Ends the session at the node (its tokens stop working there), then here. */
  async signOut(reason: SignedOutReason = 'signed-out'): Promise<void> {
    const tokens = this.tokens;
    this.tokens = null; // no call goes out with them any more
    if (tokens) {
      await fetch(`${this.base}/auth/sign-out`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.accessToken}` },
        signal: AbortSignal.timeout(5000),
      }).catch(() => undefined);
    }
    this.end(reason);
  }

  private end(reason: SignedOutReason): void {
    this.tokens = null;
    clearInterval(this.timer);
    this.timer = undefined;
    this.drafts.close();
    this.set({ signedIn: false, role: null, reason });
    // Nothing of the cases stays in the page's memory after she leaves.
    for (const l of this.onEnd) l();
  }

  readonly onEnd = new Set<() => void>();
}

export function useSession(session: Session): SessionState {
  return useSyncExternalStore(session.subscribe, session.snapshot);
}
