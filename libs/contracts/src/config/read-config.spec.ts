import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './config-error.js';
import { flag, number, oneOf, optionalText, readConfig, section, text } from './read-config.js';

const schema = {
  name: text('NAME', { pattern: /^[a-z]+$/ }),
  port: number('PORT', { default: 80, whole: true, min: 0, max: 65535, problem: (v) => `PORT="${v}" must be a port number` }),
  strict: number('STRICT', { default: 3, blank: 'value', whole: true, min: 1, problem: 'STRICT must be 1 or more' }),
  mode: oneOf('MODE', ['a', 'b'], { default: 'a' }),
  on: flag('ON', { default: false }),
  password: optionalText('PASSWORD', { trim: false }),
  inner: section({ size: number('SIZE', { default: 1, min: 1, problem: 'SIZE must be 1 or more' }) }, (env) => ({ SIZE: '2', ...env })),
};

describe('reading a configuration schema', () => {
  it('fills defaults and reads each variable as its setting says', () => {
    expect(readConfig(schema, { NAME: ' siti ', PASSWORD: ' p ' })).toEqual({
      name: 'siti',
      port: 80,
      strict: 3,
      mode: 'a',
      on: false,
      password: ' p ',
      inner: { size: 2 },
    });
    expect(readConfig(schema, { NAME: 'a', PORT: ' ', ON: 'true', SIZE: '5' })).toMatchObject({ port: 80, on: true, inner: { size: 5 } });
  });

  it('names every problem at once, each with its variable', () => {
    let error: unknown;
    try {
      readConfig(schema, { NAME: 'Siti', PORT: 'eighty', STRICT: '', MODE: 'c', ON: 'yes', SIZE: '0' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'NAME="Siti" must match /^[a-z]+$/',
      'PORT="eighty" must be a port number',
      'STRICT must be 1 or more',
      'MODE must be a or b',
      'ON must be true or false',
      'SIZE must be 1 or more',
    ]);
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:\n {2}- NAME=/);
  });

  it('says a variable without a default is required', () => {
    expect(() => readConfig(schema, {})).toThrow(/NAME is required/);
  });
});
