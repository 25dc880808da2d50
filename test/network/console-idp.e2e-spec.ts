import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import Provider from 'oidc-provider';
import { DICTIONARY } from '@rujukan/contracts';
import type { Network } from '../../scripts/network/start-network.js';
import { launchChromium } from '../support/chromium.js';
import { query } from '../support/database.js';
import { freeFixedPort } from '../support/ports.js';
import { removeSevenNodes, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';
import { loopbackCertificate } from '../support/loopback-certificate.js';

const ID = DICTIONARY.id.console;
const EN = DICTIONARY.en.console;
const PROVIDER_NAME = 'SSO Provinsi';
const CLIENT_ID = 'rujukan-intake';
const CLIENT_SECRET = randomBytes(24).toString('hex');

/**
 * "Masuk dengan <penyedia identitas>" in the UPTD PPA's console, in a real
 * browser (Debian's Chromium through playwright-core) against a real intake
 * node and a real OpenID provider on loopback (panva's oidc-provider, over
 * https with a certificate of its own: the node trusts it through
 * NODE_EXTRA_CA_CERTS, Chromium through its key's hash). She signs in on the
 * provider's own page by clicking, lands in the console with the role the
 * provider's claim gives, and signing out ends the session at the node. The
 * same state twice, a sign-in that took too long, an account of another
 * agency and a disabled account are refused with the dictionary's words.
 */
describe("the console's sign-in through the agency's identity provider", () => {
  let network: Network;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let idp: Server;
  let issuer = '';
  let tlsDir = '';
  const problems: string[] = [];
  const intake = () => network.nodes.get('intake')!;
  /** The provider's accounts: the login typed on its page is the subject. */
  const accounts: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    tlsDir = mkdtempSync(join(tmpdir(), 'rujukan-idp-'));
    const { cert, key } = loopbackCertificate(tlsDir);
    const idpPort = await freeFixedPort();
    issuer = `https://127.0.0.1:${idpPort}`;
    network = await startSevenNodes({
      label: 'console_idp',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake'],
      nodeEnv: (urls) => ({
        intake: {
          OIDC_ISSUER: issuer,
          OIDC_AUDIENCE: 'rujukan-api',
          OIDC_CLIENT_ID: CLIENT_ID,
          OIDC_CLIENT_SECRET: CLIENT_SECRET,
          OIDC_REDIRECT_URI: `${urls.intake}/`,
          OIDC_PROVIDER_NAME: PROVIDER_NAME,
          NODE_EXTRA_CA_CERTS: cert,
        },
      }),
    });
    Object.assign(accounts, {
      pendamping: { name: 'Rina (pendamping)', rujukan_role: 'case-worker', rujukan_agency: intake().agency },
      luar: { name: 'Dewi (lembaga lain)', rujukan_role: 'case-worker', rujukan_agency: 'uptd-ppa-lombok-timur' },
    });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${intake().url}/`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], profile: ['name', 'rujukan_role', 'rujukan_agency'] },
      conformIdTokenClaims: false,
      cookies: { keys: [randomBytes(16).toString('hex')] },
      pkce: { required: () => true },
      findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
    });
    idp = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, provider.callback());
    await new Promise<void>((r) => idp.listen(idpPort, '127.0.0.1', r));

    const spki = new X509Certificate(readFileSync(cert)).publicKey.export({ type: 'spki', format: 'der' });
    browser = await launchChromium(undefined, { trustKeys: [createHash('sha256').update(spki).digest('base64')] });
    page = await browser.context.newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  });

  afterAll(async () => {
    if (problems.length) process.stderr.write(`the page's console:\n${problems.join('\n')}\n`);
    await browser?.close();
    await removeSevenNodes(network);
    await new Promise((r) => (idp ? idp.close(r) : r(undefined)));
    if (tlsDir) rmSync(tlsDir, { recursive: true, force: true });
  });

  const linked = (subject: string) =>
    query<{ id: string; role: string; password_hash: string | null }>(
      intake().database,
      'SELECT id, role, password_hash FROM staff_account WHERE oidc_issuer = $1 AND oidc_subject = $2',
      [issuer, subject],
    );

  /** From the console's button to the provider's own login page, signed in there by clicking; answers where it sent her back. */
  async function throughProvider(login: string, beforeLogin?: () => Promise<void>): Promise<string> {
    await page.goto(`${intake().url}/`);
    await page.getByRole('button', { name: ID.signInWith.replace('{provider}', PROVIDER_NAME), exact: true }).click();
    await page.waitForURL((url) => url.origin === issuer);
    await beforeLogin?.();
    const back = page.waitForRequest((req: Request) => req.url().startsWith(`${intake().url}/?`) && req.isNavigationRequest());
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click(); // the provider's consent page
    return (await back).url();
  }

  it('offers the provider beside local accounts; the authorization URL asks for a code with PKCE (S256)', async () => {
    const res = await fetch(`${intake().url}/auth/providers`);
    expect(await res.json()).toEqual({ local: true, providers: [{ id: 'oidc', name: PROVIDER_NAME }] });
    const started = await fetch(`${intake().url}/auth/oidc/start`, { method: 'POST' });
    expect(started.status).toBe(200);
    const url = new URL(((await started.json()) as { authorizationUrl: string }).authorizationUrl);
    expect(url.origin).toBe(issuer);
    expect(Object.fromEntries([...url.searchParams].filter(([k]) => !['state', 'nonce', 'code_challenge'].includes(k)))).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${intake().url}/`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    // Bad input: field errors.
    const bad = await fetch(`${intake().url}/auth/oidc/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Record<string, string[]> }).fields).toHaveProperty('state');
  });

  let callbackUrl = '';
  let accessToken = '';

  it("signs in on the provider's page by clicking, and lands in the console with the provider's role", async () => {
    const bearer = (req: Request) => {
      const auth = req.headers().authorization;
      if (auth?.startsWith('Bearer ') && req.url().startsWith(intake().url)) accessToken = auth.slice(7);
    };
    page.on('request', bearer);
    callbackUrl = await throughProvider('pendamping');
    await page.waitForSelector('body[data-session="signed-in"]');
    // The address bar keeps neither the code nor the state.
    expect(new URL(page.url()).search).toBe('');
    await expect(page.locator('.who').textContent()).resolves.toBe(ID.signedInAs.replace('{role}', DICTIONARY.id.role['case-worker']));
    await page.locator('#needs-me-title').waitFor(); // her home page, its lists fetched with the node's own access token
    await waitFor('the console to call the node with a bearer token', () => accessToken !== '', 10_000);
    page.off('request', bearer);
    const [account] = await linked('pendamping');
    expect(account).toMatchObject({ role: 'case-worker', password_hash: null });
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: `rujukan:${intake().agency}`, sub: account.id, role: 'case-worker' });
    const sessions = await query<{ ended: boolean }>(
      intake().database,
      'SELECT ended_at IS NOT NULL AS ended FROM staff_session WHERE staff_id = $1',
      [account.id],
    );
    expect(sessions).toEqual([{ ended: false }]);
    expect((await fetch(`${intake().url}/cases`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);
  });

  it('signs out at the node: the session ends there and its access token stops working', async () => {
    await page.locator('#sign-out').click();
    await page.waitForSelector('body[data-session="signed-out"]');
    const [account] = await linked('pendamping');
    await waitFor(
      'the session to end at the node',
      async () =>
        (
          await query<{ ended: boolean }>(
            intake().database,
            'SELECT ended_at IS NOT NULL AS ended FROM staff_session WHERE staff_id = $1',
            [account.id],
          )
        )[0].ended,
      10_000,
    );
    expect((await fetch(`${intake().url}/cases`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401);
  });

  it('refuses the same state a second time, in both languages', async () => {
    await page.goto(callbackUrl);
    await expect(page.locator('#sign-in-refused').textContent()).resolves.toBe(ID.oidcUnknownState);
    expect(await page.locator('body').getAttribute('data-session')).toBe('signed-out');
    await page.locator('#language-switch').click();
    await expect(page.locator('#sign-in-refused').textContent()).resolves.toBe(EN.oidcUnknownState);
    await page.locator('#language-switch').click();
  });

  it('refuses an account of another agency, and links no account for it', async () => {
    await browser.context.clearCookies(); // a fresh sign-in at the provider
    await throughProvider('luar');
    await expect(page.locator('#sign-in-refused').textContent()).resolves.toBe(ID.oidcWrongAgency);
    expect(await page.locator('body').getAttribute('data-session')).toBe('signed-out');
    expect(await linked('luar')).toEqual([]);
    const denied = await query(intake().database, `SELECT 1 FROM access_record WHERE staff_id = 'oidc:luar' AND outcome = 'denied'`);
    expect(denied.length).toBe(1);
  });

  it('refuses a sign-in that took longer than its state lives', async () => {
    await browser.context.clearCookies();
    await throughProvider('pendamping', () =>
      query(intake().database, `UPDATE oidc_sign_in SET expires_at = now() - interval '1 second'`).then(() => undefined),
    );
    await expect(page.locator('#sign-in-refused').textContent()).resolves.toBe(ID.oidcExpired);
  });

  it("refuses an account the agency's administrator disabled", async () => {
    const [account] = await linked('pendamping');
    const [admin] = await network.createStaff('intake', []);
    const token = await network.signIn('intake', admin.username, admin.password);
    const disabled = await fetch(`${intake().url}/staff/${account.id}/disable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(disabled.status).toBe(204);
    // No password here: a reset would let it sign in past the provider.
    const reset = await fetch(`${intake().url}/staff/${account.id}/password-reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reset.status).toBe(403);
    await browser.context.clearCookies();
    await throughProvider('pendamping');
    await expect(page.locator('#sign-in-refused').textContent()).resolves.toBe(ID.oidcDisabled);
    expect(problems).toEqual([]);
  });
});
