import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Builds the task force's dashboard (apps/reporting/dashboard) into
 * dist/apps/reporting/public, which the reporting node serves at /dashboard:
 * one minified script (Chart.js included, nothing loaded from the internet),
 * one stylesheet and the page, with content-hashed names. Part of
 * `npm run build`, after tsc has type-checked the dashboard.
 */
const source = 'apps/reporting/dashboard';
const out = 'dist/apps/reporting/public';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(source, 'src/main.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  legalComments: 'eof',
  write: false,
  logLevel: 'warning',
});
const hashed = (name: string, ext: string, body: Uint8Array | string) =>
  `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.${ext}`;
const js = result.outputFiles[0];
const jsName = hashed('dashboard', 'js', js.contents);
writeFileSync(join(out, jsName), js.contents);
const css = readFileSync(join(source, 'style.css'));
const cssName = hashed('dashboard', 'css', css);
writeFileSync(join(out, cssName), css);
writeFileSync(
  join(out, 'index.html'),
  readFileSync(join(source, 'index.html'), 'utf8').replace('{{js}}', jsName).replace('{{css}}', cssName),
);

const sizes = ['index.html', jsName, cssName].map((f) => {
  const body = readFileSync(join(out, f));
  return { f, bytes: statSync(join(out, f)).size, gzip: gzipSync(body, { level: 9 }).length };
});
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const total = sizes.reduce((a, s) => a + s.gzip, 0);
if (process.env.DASHBOARD_BUILD_QUIET !== '1') {
  process.stdout.write(
    `dashboard: ${sizes.map((s) => `${s.f} ${kb(s.bytes)} (${kb(s.gzip)} gzip)`).join(', ')}; ${kb(total)} over the wire\n`,
  );
}
