import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@rujukan/auth';
import { ServeDashboardService } from './serve-dashboard.service.js';

/** Same origin only: nothing from the internet, no inline script or style. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The task force's dashboard: a static page and its assets, built by
 * `npm run build` and served by this node itself (no CDN). Public: the page
 * holds no data; it shows the public (suppressed) tables until an analyst
 * signs in, and then asks the signed-in API for the exact ones.
 */
@Controller('dashboard')
export class ServeDashboardHttpController {
  constructor(private readonly dashboard: ServeDashboardService) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'The dashboard page', content: { 'text/html': { schema: { type: 'string' } } } })
  page(@Headers('accept-encoding') encoding: string | undefined, @Res() res: Response): void {
    this.send('index.html', encoding, res, 'no-cache');
  }

  /** Built assets, by exact file name (content-hashed, so cached for long). */
  @Public()
  @Get('assets/:file')
  @ApiOkResponse({
    description: 'A built file of the dashboard',
    content: {
      'text/javascript': { schema: { type: 'string' } },
      'text/css': { schema: { type: 'string' } },
      'image/svg+xml': { schema: { type: 'string' } },
      'image/png': { schema: { type: 'string', format: 'binary' } },
    },
  })
  asset(@Param('file') file: string, @Headers('accept-encoding') encoding: string | undefined, @Res() res: Response): void {
    if (file === 'index.html') throw new NotFoundException();
    this.send(file, encoding, res, 'public, max-age=31536000, immutable');
  }

  private send(file: string, encoding: string | undefined, res: Response, cache: string): void {
    const asset = this.dashboard.asset(file);
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
}
