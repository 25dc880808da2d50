import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { runWithCorrelation } from '@rujukan/messaging';
import { NodeLogger } from './node-logger.js';

describe('NodeLogger', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes one line with the node, level, context and the correlation id in scope', () => {
    const lines: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = new NodeLogger('shelter', 'log');
    runWithCorrelation('11111111-2222-4333-8444-555555555555', () => logger.log('referral received', 'ReferralInbox'));
    logger.debug('hidden below the level');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\S+Z shelter LOG \[ReferralInbox\] corr=11111111-2222-4333-8444-555555555555 referral received\n$/);
  });

  it('prints an error’s name and message, never its stack', () => {
    const lines: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    new NodeLogger('intake').error(new TypeError('boom'), 'at secret (file.ts:1)', 'Ctx');
    expect(lines.join('')).toMatch(/intake ERROR \[Ctx\] TypeError: boom\n$/);
    expect(lines.join('')).not.toContain('file.ts');
  });
});
