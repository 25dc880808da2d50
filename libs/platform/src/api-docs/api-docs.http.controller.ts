import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@rujukan/auth';
import { ApiDocsService, type DocsAsset } from './api-docs.service.js';

/**
 * Swagger UI's policy: its own files only (nothing from the internet, no
 * inline script); inline styles, which it sets on elements; requests to this
 * node only. The rest of the API keeps its own answers' headers.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** GET /openapi.json and GET /docs: this node's API described, public (it holds no data). */
@Controller()
export class ApiDocsHttpController {
  constructor(private readonly docs: ApiDocsService) {}

  /** This node's OpenAPI 3 document. */
  @Public()
  @Get('openapi.json')
  @ApiOkResponse({
    description: 'The OpenAPI 3 document',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            openapi: { type: 'string', example: '3.0.0' },
            info: { type: 'object' },
            paths: { type: 'object' },
            components: { type: 'object' },
          },
          required: ['openapi', 'info', 'paths'],
        },
      },
    },
  })
  openApi() {
    return this.docs.document;
  }

  /** Swagger UI on this node's document. */
  @Public()
  @Get('docs')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The Swagger UI page', content: { 'text/html': { schema: { type: 'string' } } } })
  page(@Res() res: Response): void {
    send(res, this.docs.page(), 'no-cache');
  }

  /** Swagger UI's script, stylesheet and icons, by exact file name. */
  @Public()
  @Get('docs/:file')
  @ApiOkResponse({
    description: 'A file of Swagger UI',
    content: {
      'text/javascript': { schema: { type: 'string' } },
      'text/css': { schema: { type: 'string' } },
      'image/png': { schema: { type: 'string', format: 'binary' } },
    },
  })
  asset(@Param('file') file: string, @Res() res: Response): void {
    send(res, this.docs.asset(file), 'public, max-age=3600');
  }
}

function send(res: Response, asset: DocsAsset, cache: string): void {
  res.setHeader('content-type', asset.type);
  res.setHeader('cache-control', cache);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('content-security-policy', DOCS_CSP);
  res.end(asset.body);
}
