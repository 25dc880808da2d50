import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { NODE_CONFIG } from '../agency-card.provider.js';
import type { NodeConfig } from '../node-config.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface ConsoleAsset {
  body: Buffer;
  gzipped: Buffer;
  type: string;
}

/**
 * Where `npm run build` puts a role's console (dist/console/<role>): beside
 * the compiled platform code, or under the checkout when run from source;
 * CONSOLE_DIR overrides it.
 */
export function consoleDirectory(role: string, env: Record<string, string | undefined> = process.env): string {
  if (env.CONSOLE_DIR) return env.CONSOLE_DIR;
  const besides = fileURLToPath(new URL(`../../../../console/${role}/`, import.meta.url));
  return existsSync(join(besides, 'index.html')) ? besides : join(process.cwd(), 'dist/console', role);
}

/** This node's console: the built files of its role, read (and compressed) once. */
@Injectable()
export class ConsoleService {
  private assets: Map<string, ConsoleAsset> | undefined;

  constructor(@Inject(NODE_CONFIG) private readonly config: NodeConfig) {}

  /** A built file by exact name; a name list, so no path from a request reaches the disk. */
  asset(file: string): ConsoleAsset {
    const asset = this.load().get(file);
    if (!asset) throw new NotFoundException(`no console file ${file} at this node`);
    return asset;
  }

  private load(): Map<string, ConsoleAsset> {
    if (this.assets) return this.assets;
    const dir = consoleDirectory(this.config.role);
    const assets = new Map<string, ConsoleAsset>();
    // A role without console pages yet has no build: every file is a 404, nothing else changes.
    if (existsSync(join(dir, 'index.html'))) {
      for (const name of readdirSync(dir)) {
        const type = TYPES[extname(name)];
        if (!type || !/^[\w.-]+$/.test(name)) continue;
        const body = readFileSync(join(dir, name));
        assets.set(name, { body, gzipped: gzipSync(body, { level: 9 }), type });
      }
    }
    this.assets = assets;
    return assets;
  }
}
