import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium with a fresh profile of its own, nothing shared with a
 * person's browser; `close` ends it and removes the profile. `trustKeys`:
 * the SPKI SHA-256 hashes (base64) of test servers' own certificates it
 * accepts (every other certificate is checked as usual).
 */
export async function launchChromium(
  viewport = { width: 1280, height: 900 },
  options: { trustKeys?: string[] } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'rujukan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.trustKeys?.length ? [`--ignore-certificate-errors-spki-list=${options.trustKeys.join(',')}`] : []),
    ],
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
