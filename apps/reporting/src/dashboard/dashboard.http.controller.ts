import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Controller, Get, Headers, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@rujukan/auth';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Same origin only: nothing from the internet, no inline script or style. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  type: string;
}

/**
 * Where `npm run build` puts the dashboard (dist/apps/reporting/public):
 * beside the compiled node, or under the checkout when run from source.
 */
export function dashboardDirectory(env: Record<string, string | undefined> = process.env): string {
  if (env.DASHBOARD_DIR) return env.DASHBOARD_DIR;
  const besides = fileURLToPath(new URL('../../public/', import.meta.url));
  return existsSync(join(besides, 'index.html')) ? besides : join(process.cwd(), 'dist/apps/reporting/public');
}

/**
 * The task force's dashboard: a static page and its assets, built by
 * `npm run build` and served by this node itself (no CDN). Public: the page
 * holds no data; it shows the public (suppressed) tables until an analyst
 * signs in, and then asks the signed-in API for the exact ones.
 */
@Controller('dashboard')
export class DashboardHttpController {
  private assets: Map<string, Asset> | undefined;

  @Public()
  @Get()
  page(@Headers('accept-encoding') encoding: string | undefined, @Res() res: Response): void {
    this.send('index.html', encoding, res, 'no-cache');
  }

  /** Built assets, by exact file name (content-hashed, so cached for long). */
  @Public()
  @Get('assets/:file')
  asset(@Param('file') file: string, @Headers('accept-encoding') encoding: string | undefined, @Res() res: Response): void {
    if (file === 'index.html') throw new NotFoundException();
    this.send(file, encoding, res, 'public, max-age=31536000, immutable');
  }

  private send(file: string, encoding: string | undefined, res: Response, cache: string): void {
    const asset = this.load().get(file);
    if (!asset) throw new NotFoundException(`no dashboard asset ${file}`);
    const gzip = /\bgzip\b/.test(encoding ?? '');
    res.setHeader('content-type', asset.type);
    res.setHeader('cache-control', cache);
    res.setHeader('vary', 'accept-encoding');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('content-security-policy', CSP);
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.end(gzip ? asset.gzipped : asset.body);
  }

  /** Reads (and compresses) the built files once; a name list, so no path from a request reaches the disk. */
  private load(): Map<string, Asset> {
    if (this.assets) return this.assets;
    const dir = dashboardDirectory();
    if (!existsSync(join(dir, 'index.html'))) throw new ServiceUnavailableException('the dashboard is not built: run npm run build');
    const assets = new Map<string, Asset>();
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      if (!type || !/^[\w.-]+$/.test(name)) continue;
      const body = readFileSync(join(dir, name));
      assets.set(name, { body, gzipped: gzipSync(body, { level: 9 }), type });
    }
    this.assets = assets;
    return assets;
  }
}
