import { describe, expect, it } from '@jest/globals';
import { KeyedLimiter } from './keyed-limiter.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedLimiter', () => {
  it('runs one key in order and different keys side by side, never above the limit', async () => {
    const limiter = new KeyedLimiter(2);
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
    };
    await limiter.schedule('case-1', task('a1', 30));
    await limiter.schedule('case-1', task('a2', 5));
    await limiter.schedule('case-2', task('b1', 5));
    await limiter.schedule('case-3', task('c1', 5));
    await limiter.drain();
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(peak).toBeLessThanOrEqual(2);
    expect(log.filter((l) => l.startsWith('end'))).toHaveLength(4);
  });

  it('keeps going after a task fails, and reports the failure instead of swallowing it', async () => {
    const failures: Array<{ err: unknown; key: string }> = [];
    const limiter = new KeyedLimiter(1, (err, key) => failures.push({ err, key }));
    let ran = false;
    const boom = new RangeError('Maximum call stack size exceeded');
    await limiter.schedule('k', async () => {
      throw boom;
    });
    await limiter.schedule('k', async () => {
      ran = true;
    });
    await limiter.drain();
    expect(ran).toBe(true);
    expect(failures).toEqual([{ err: boom, key: 'k' }]);
  });

  it('keeps going when the error callback itself throws', async () => {
    const limiter = new KeyedLimiter(1, () => {
      throw new Error('callback broke');
    });
    let ran = false;
    await limiter.schedule('k', async () => {
      throw new Error('boom');
    });
    await limiter.schedule('k', async () => {
      ran = true;
    });
    await limiter.drain();
    expect(ran).toBe(true);
  });
});
