import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface Asset {
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

/** The dashboard's built files, read (and compressed) once. */
@Injectable()
export class ServeDashboardService {
  private assets: Map<string, Asset> | undefined;

  /** A built file by exact name; a name list, so no path from a request reaches the disk. */
  asset(file: string): Asset {
    const asset = this.load().get(file);
    if (!asset) throw new NotFoundException(`no dashboard asset ${file}`);
    return asset;
  }

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
