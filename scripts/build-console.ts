import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CONSOLE_ROLES } from './build-console-api.js';

/**
 * Builds each role's staff console (libs/console, entry src/roles/<role>.tsx)
 * into dist/console/<role>, which that node serves at / (libs/platform's
 * ConsoleHttpController): one minified script (React and the component
 * library included, nothing from the internet), one stylesheet and the page,
 * content-hashed. Part of `npm run build`, after tsc has type-checked the
 * console against the generated API types.
 */
const source = 'libs/console';
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

for (const role of CONSOLE_ROLES) {
  const out = join('dist/console', role);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [join(source, 'src/roles', `${role}.tsx`)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    write: false,
    logLevel: 'warning',
  });
  const hashed = (name: string, ext: string, body: Uint8Array | string) =>
    `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.${ext}`;
  const js = result.outputFiles[0];
  const jsName = hashed('console', 'js', js.contents);
  writeFileSync(join(out, jsName), js.contents);
  const css = readFileSync(join(source, 'console.css'));
  const cssName = hashed('console', 'css', css);
  writeFileSync(join(out, cssName), css);
  const html = readFileSync(join(source, 'index.html'), 'utf8').replace('{{js}}', jsName).replace('{{css}}', cssName);
  writeFileSync(join(out, 'index.html'), html);
  const total = [html, js.contents, css].reduce((n, body) => n + gzipSync(body, { level: 9 }).length, 0);
  if (process.env.CONSOLE_BUILD_QUIET !== '1') process.stdout.write(`console (${role}): ${kb(total)} over the wire (gzip)\n`);
}
