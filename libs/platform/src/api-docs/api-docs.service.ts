import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Swagger UI's own files (from swagger-ui-dist, served by the node: no CDN), by exact name. */
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Starts Swagger UI on this node's document; a file, not an inline script, so the page's policy allows it. */
const INIT = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null,
  persistAuthorization: false,
});
`;

const page = (title: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" type="image/png" href="docs/favicon-32x32.png" />
    <link rel="stylesheet" href="docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="docs/swagger-ui-bundle.js"></script>
    <script src="docs/init.js"></script>
  </body>
</html>
`;

export interface DocsAsset {
  body: Buffer;
  type: string;
}

/** This node's OpenAPI document (built once the app exists, see createNode) and Swagger UI's page and files. */
@Injectable()
export class ApiDocsService {
  private built: OpenAPIObject | undefined;
  private readonly assets = new Map<string, DocsAsset>();

  set document(document: OpenAPIObject) {
    this.built = document;
  }

  get document(): OpenAPIObject {
    if (!this.built) throw new ServiceUnavailableException('this node has no API document (it was not started by createNode)');
    return this.built;
  }

  page(): DocsAsset {
    return { body: Buffer.from(page(`API: ${this.document.info.title}`)), type: 'text/html; charset=utf-8' };
  }

  asset(file: string): DocsAsset {
    if (file === 'init.js') return { body: Buffer.from(INIT), type: 'text/javascript; charset=utf-8' };
    const type = UI_FILES[file];
    if (!type) throw new NotFoundException(`no file ${file}`);
    let asset = this.assets.get(file);
    if (!asset) {
      const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
      asset = { body: readFileSync(join(dir, file)), type };
      this.assets.set(file, asset);
    }
    return asset;
  }
}
