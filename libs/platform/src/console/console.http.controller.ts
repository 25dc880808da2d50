import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@rujukan/auth';
import { ConsoleService } from './console.service.js';

/**
 * The console's policy: this node's own files only, no inline script or
 * style (the component library's styles are a file, none injected at run
 * time), requests to this node only, no framing.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * GET / and GET /console/<file>: the staff console of this node's role,
 * built by `npm run build` (libs/console) and served by the node itself.
 * Public: the page holds no data; every call it makes signs in first.
 */
@Controller()
export class ConsoleHttpController {
  constructor(private readonly console: ConsoleService) {}

  /** The console page. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'The staff console', content: { 'text/html': { schema: { type: 'string' } } } })
  page(@Headers('accept-encoding') encoding: string | undefined, @Res() res: Response): void {
    this.send('index.html', encoding, res, 'no-cache');
  }

  /** The console's built files, by exact name (content-hashed, so cached for long). */
  @Public()
  @Get('console/:file')
  @ApiOkResponse({
    description: 'A built file of the console',
    content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } },
  })
  asset(@Param('file') file: string, @Headers('accept-encoding') encoding: string | undefined, @Res() res: Response): void {
    if (file === 'index.html') throw new NotFoundException();
    this.send(file, encoding, res, 'public, max-age=31536000, immutable');
  }

  private send(file: string, encoding: string | undefined, res: Response, cache: string): void {
    const asset = this.console.asset(file);
    const gzip = /\bgzip\b/.test(encoding ?? '');
    res.setHeader('content-type', asset.type);
    res.setHeader('cache-control', cache);
    res.setHeader('vary', 'accept-encoding');
    res.setHeader('content-security-policy', CONSOLE_CSP);
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.end(gzip ? asset.gzipped : asset.body);
  }
}
