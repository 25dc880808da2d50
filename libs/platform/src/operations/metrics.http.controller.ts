import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@rujukan/auth';
import { MetricsAllowGuard } from './metrics-allow.guard.js';
import { NodeMetrics } from './node-metrics.js';

/** GET /metrics: Prometheus text, for the addresses METRICS_ALLOW names (no staff token). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: NodeMetrics) {}

  @Public()
  @UseGuards(MetricsAllowGuard)
  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }
}
