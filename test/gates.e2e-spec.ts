import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

/**
 * Each gate `npm run check` runs (and CI before the tests) must refuse code
 * that breaks its rule: a gate that cannot fail proves nothing. The fixtures
 * in test/fixtures/gates are skipped by the gates' own runs over the project.
 */
const FIXTURES = 'test/fixtures/gates';

function run(bin: string, args: string[], cwd = '.'): { status: number | null; output: string } {
  const r = spawnSync(`${process.cwd()}/node_modules/.bin/${bin}`, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('the gates refuse what breaks their rule', () => {
  it('Prettier refuses an unformatted file', () => {
    const r = run('prettier', ['--check', '--ignore-path', '/dev/null', `${FIXTURES}/unformatted.ts`]);
    expect(r.status).toBe(1);
    expect(r.output).toContain('unformatted.ts');
  });

  it('ESLint refuses a floating promise, a promise where none is expected, and synchronize: true', () => {
    const r = run('eslint', [
      '--no-ignore',
      `${FIXTURES}/floating-promise.ts`,
      `${FIXTURES}/misused-promise.ts`,
      `${FIXTURES}/synchronize.ts`,
    ]);
    expect(r.status).toBe(1);
    expect(r.output).toContain('@typescript-eslint/no-floating-promises');
    expect(r.output).toContain('@typescript-eslint/no-misused-promises');
    expect(r.output).toMatch(/synchronize stays off/);
  });

  it('the type-check refuses a type error in a test helper', () => {
    const r = run('tsc', ['-p', `${FIXTURES}/tsconfig.json`]);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/type-error\.ts\(2,\d+\): error TS2322/);
    expect(r.output).not.toMatch(/(floating|misused)-promise\.ts.*error TS/);
  });

  it('dependency-cruiser refuses an app importing another, a library importing upward, and a library importing an app', () => {
    const r = run('depcruise', ['apps', 'libs', '--config', '../../../../.dependency-cruiser.cjs'], `${FIXTURES}/layers`);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('apps-not-to-other-apps: apps/alpha/src/main.ts → apps/beta/src/beta.ts');
    expect(r.output).toContain('libs-not-upward-from-contracts: libs/contracts/src/index.ts → libs/messaging/src/index.ts');
    expect(r.output).toContain('libs-not-to-apps-or-tests: libs/messaging/src/index.ts → apps/alpha/src/main.ts');
  });
});
