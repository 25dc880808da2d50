import { Controller, Get } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { Public } from '@rujukan/auth';
import { HealthService } from './health.service.js';
import { ReadinessService } from './operations/readiness.service.js';

/**
 * GET /health: is this node's database answering, and is it connected to the
 * bus. GET /health/live and /health/ready: the probes (docs/operations.md).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly service: HealthService,
    private readonly readiness: ReadinessService,
  ) {}

  @Public()
  @Get()
  health() {
    return this.service.check();
  }

  /** 200 while the process answers; restart it when this fails. */
  @Public()
  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  live() {
    return this.readiness.live();
  }

  /** 200 when the node can do its work; 503 naming each failing check. */
  @Public()
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  ready() {
    return this.readiness.ready();
  }
}
