import { Controller, Get } from '@nestjs/common';
import { Public } from '@rujukan/auth';
import { HealthService } from './health.service.js';

/** GET /health: is this node's database answering, and is it connected to the bus. */
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  @Public()
  @Get()
  health() {
    return this.service.check();
  }
}
