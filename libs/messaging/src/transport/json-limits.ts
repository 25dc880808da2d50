/** Keys that reach an object's prototype when a parsed body is copied or transformed (class-transformer assigns them). */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Default bound on object/array nesting in an event or request body: our deepest contract nests under ten. */
export const DEFAULT_MAX_JSON_DEPTH = 32;

/**
 * Whether JSON bytes nest objects and arrays deeper than `max` (the top-level
 * object is depth 1). One pass over the bytes, no recursion, so it cannot
 * overflow the stack the way a recursive copy of the parsed value does. Works
 * on UTF-8 bytes: no multi-byte sequence holds a quote, backslash or bracket.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
      continue;
    }
    if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > max) return true;
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return false;
}

/**
 * Paths (`victims.0.__proto__`) of `__proto__`, `constructor` and `prototype`
 * keys anywhere in a parsed JSON value, at most `limit` of them. Iterative;
 * call it on a value whose depth was bounded first.
 */
export function prototypeKeyPaths(value: unknown, limit = 10): string[] {
  const found: string[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length && found.length < limit) {
    const { value: v, path } = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) found.push(at);
      else stack.push({ value: (v as Record<string, unknown>)[key], path: at });
    }
  }
  return found.slice(0, limit);
}
