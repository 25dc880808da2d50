import { describe, expect, it } from '@jest/globals';
import { runWithCorrelation } from '@rujukan/messaging';
import { NodeLogger, type LogFormat } from './node-logger.js';

function capture(format: LogFormat = 'json') {
  const out: string[] = [];
  const err: string[] = [];
  const logger = new NodeLogger('shelter', {
    level: 'log',
    format,
    agency: 'shelter-kepri',
    sink: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { logger, out, err };
}

describe('NodeLogger', () => {
  it('writes one JSON object a line with node, agency, level, context and the correlation id in scope', () => {
    const { logger, out } = capture();
    runWithCorrelation('11111111-2222-4333-8444-555555555555', () => logger.log('referral received', 'ReferralInbox'));
    logger.debug('hidden below the level');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/\n$/);
    expect(JSON.parse(out[0])).toMatchObject({
      level: 'info',
      node: 'shelter',
      agency: 'shelter-kepri',
      context: 'ReferralInbox',
      corr: '11111111-2222-4333-8444-555555555555',
      msg: 'referral received',
    });
  });

  it('writes warnings and errors to standard error only, with an error’s name and message, never its stack', () => {
    const { logger, out, err } = capture();
    logger.error(new TypeError('boom'), 'at secret (file.ts:1)', 'Ctx');
    expect(out).toEqual([]);
    expect(JSON.parse(err.join(''))).toMatchObject({ level: 'error', context: 'Ctx', msg: 'TypeError: boom' });
    expect(err.join('')).not.toContain('file.ts');
  });

  it('redacts every identifying field of a logged object, at any depth', () => {
    const { logger, out } = capture();
    logger.entry(
      'log',
      { method: 'POST', route: '/cases', body: { victims: [{ name: 'Siti' }] }, nested: { deeper: { nik: '3171' } } },
      'request',
    );
    logger.log({ victim: { name: 'Siti' }, phone: '0812', safetyNotes: 'husband waits outside', count: 3 });
    const text = out.join('');
    for (const secret of ['Siti', '3171', '0812', 'husband']) expect(text).not.toContain(secret);
    expect(JSON.parse(out[0])).toMatchObject({
      method: 'POST',
      route: '/cases',
      body: '[redacted]',
      nested: { deeper: { nik: '[redacted]' } },
    });
    expect(JSON.parse(out[1])).toMatchObject({ detail: { count: 3, phone: '[redacted]' } });
  });

  it('writes a readable line without colour codes in the pretty form', () => {
    const { logger, out } = capture('pretty');
    runWithCorrelation('11111111-2222-4333-8444-555555555555', () => logger.log('referral received', 'ReferralInbox'));
    logger.entry('log', { method: 'GET', status: 200 }, 'request', 'Http');
    expect(out[0]).toMatch(/^\S+Z shelter LOG \[ReferralInbox\] corr=11111111-2222-4333-8444-555555555555 referral received\n$/);
    expect(out[1]).toMatch(/ shelter LOG \[Http\] request method=GET status=200\n$/);
    // eslint-disable-next-line no-control-regex
    expect(out.join('')).not.toMatch(/\x1b\[/);
  });
});
