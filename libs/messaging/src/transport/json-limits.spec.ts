import { describe, expect, it } from '@jest/globals';
import { jsonNestsDeeperThan, prototypeKeyPaths } from './json-limits.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('JSON limits', () => {
  it('counts nesting of objects and arrays, not brackets inside strings', () => {
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(bytes('{"a":"[[[[{{{{\\"[[[["}'), 1)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('{"a":"ü\\\\"}'), 1)).toBe(false);
  });

  it('scans 20,000 levels without overflowing the stack', () => {
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    expect(jsonNestsDeeperThan(bytes(deep), 32)).toBe(true);
    expect(jsonNestsDeeperThan(bytes(deep), 20000)).toBe(false);
  });

  it('finds prototype keys anywhere, by path', () => {
    const parsed = JSON.parse('{"a":{"__proto__":{"x":1}},"list":[{"constructor":1}],"prototype":2,"fine":{"proto":1}}');
    expect(prototypeKeyPaths(parsed).sort()).toEqual(['a.__proto__', 'list.0.constructor', 'prototype']);
    expect(prototypeKeyPaths({ a: 1 })).toEqual([]);
  });
});
