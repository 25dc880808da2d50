import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface PageBundle {
  /** The script the page starts from. */
  entry: string;
  /** The stylesheet, copied as it is. */
  stylesheet: string;
  /** The page, with `{{js}}` and `{{css}}` where the hashed names go. */
  html: string;
  /** The directory written afresh. */
  out: string;
  /** The hashed files' name before the hash (`console-<hash>.js`). */
  name: string;
  /** esbuild's JSX transform for .tsx entries. */
  jsx?: boolean;
}

export interface BundleSizes {
  files: Array<{ file: string; bytes: number; gzip: number }>;
  /** What a first load sends with gzip. */
  gzip: number;
}

const hashed = (name: string, ext: string, body: Uint8Array | string) =>
  `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.${ext}`;

/** Shown in build output. */
export const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/**
 * A browser page as a node serves it (the reporting dashboard, each role's
 * console): one minified ES2020 script with every dependency inside
 * (nothing loaded from the internet), one stylesheet and the page, the two
 * with content-hashed names, so they are cached for long and the page
 * (never cached) names the current ones.
 */
export async function bundlePage(page: PageBundle): Promise<BundleSizes> {
  rmSync(page.out, { recursive: true, force: true });
  mkdirSync(page.out, { recursive: true });
  const result = await build({
    entryPoints: [page.entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    ...(page.jsx ? { jsx: 'automatic' as const, define: { 'process.env.NODE_ENV': '"production"' } } : {}),
    legalComments: 'eof',
    write: false,
    logLevel: 'warning',
  });
  const js = result.outputFiles[0].contents;
  const jsName = hashed(page.name, 'js', js);
  const css = readFileSync(page.stylesheet);
  const cssName = hashed(page.name, 'css', css);
  const html = readFileSync(page.html, 'utf8').replace('{{js}}', jsName).replace('{{css}}', cssName);
  const files: Array<[string, Uint8Array | string]> = [
    ['index.html', html],
    [jsName, js],
    [cssName, css],
  ];
  for (const [file, body] of files) writeFileSync(join(page.out, file), body);
  const sizes = files.map(([file, body]) => ({ file, bytes: Buffer.byteLength(body), gzip: gzipSync(body, { level: 9 }).length }));
  return { files: sizes, gzip: sizes.reduce((n, s) => n + s.gzip, 0) };
}
