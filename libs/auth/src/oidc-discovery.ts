import type { OidcSettings } from './auth.config.js';

/** The provider's endpoints this node uses. */
export interface OidcEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
}

const HTTPS = /^https:\/\/[^/]/;

/**
 * The provider's endpoints: as configured, or read once from its discovery
 * document (`<issuer>/.well-known/openid-configuration`, https only; a failed
 * read is tried again at the next use). The document must name the
 * configured issuer, so a node is never pointed at another provider's keys.
 */
export class OidcDiscovery {
  private found?: Promise<OidcEndpoints>;

  constructor(private readonly oidc: OidcSettings | undefined) {}

  endpoints(): Promise<OidcEndpoints> {
    const oidc = this.oidc;
    if (!oidc) return Promise.reject(new Error('no identity provider is configured'));
    const given = oidc.signIn;
    if (oidc.jwksUri && (!given || given.authorizationEndpoint))
      return Promise.resolve({
        authorizationEndpoint: given?.authorizationEndpoint ?? '',
        tokenEndpoint: given?.tokenEndpoint ?? '',
        jwksUri: oidc.jwksUri,
      });
    this.found ??= this.discover(oidc).catch((err: unknown) => {
      this.found = undefined;
      throw err;
    });
    return this.found;
  }

  private async discover(oidc: OidcSettings): Promise<OidcEndpoints> {
    const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`the provider's discovery document answered HTTP ${res.status}`);
    const doc = (await res.json()) as Record<string, unknown>;
    if (doc.issuer !== oidc.issuer) throw new Error("the provider's discovery document names another issuer");
    const pick = (own: string | undefined, key: string): string => {
      const value = own || doc[key];
      if (typeof value !== 'string' || !HTTPS.test(value)) throw new Error(`the provider's ${key} is missing or not https`);
      return value;
    };
    return {
      authorizationEndpoint: pick(oidc.signIn?.authorizationEndpoint, 'authorization_endpoint'),
      tokenEndpoint: pick(oidc.signIn?.tokenEndpoint, 'token_endpoint'),
      jwksUri: pick(oidc.jwksUri, 'jwks_uri'),
    };
  }
}
