import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/** Layer rules (docs/architecture.md): an app never imports another app; libs never import apps or tests. */
function sources(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sources(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('architecture', () => {
  it('libs import neither apps nor tests, and apps import no other app', () => {
    const violations: string[] = [];
    for (const file of sources('libs')) {
      for (const spec of imports(file)) {
        if (/(^|\/)(apps|test)\//.test(spec)) violations.push(`${file} imports ${spec}`);
      }
    }
    let apps: string[] = [];
    try {
      apps = readdirSync('apps').filter((a) => statSync(join('apps', a)).isDirectory());
    } catch {
      apps = [];
    }
    for (const app of apps) {
      for (const file of sources(join('apps', app))) {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = relative('.', join(file, '..', spec));
          if (target.startsWith('apps/') && !target.startsWith(`apps/${app}/`)) violations.push(`${file} imports ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('no entity or data source turns on synchronize', () => {
    const offenders = [...sources('libs'), ...sources('test/apps')].filter((f) => /synchronize:\s*true/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
