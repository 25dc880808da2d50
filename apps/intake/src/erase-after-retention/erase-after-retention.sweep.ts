import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSweeps } from '@rujukan/platform';
import { EraseAfterRetentionService } from './erase-after-retention.service.js';

/** The use case's trigger: the node's daily retention sweep (libs/platform/src/retention). */
@Injectable()
export class EraseAfterRetentionSweep implements OnModuleInit {
  constructor(
    private readonly sweeps: RetentionSweeps,
    private readonly service: EraseAfterRetentionService,
  ) {}

  onModuleInit(): void {
    this.sweeps.register({
      name: 'cases closed longer ago than the retention',
      run: (tx, settings, now) => this.service.eraseClosed(tx, settings, now),
    });
    this.sweeps.register({
      name: 'declined hand-overs’ requests',
      run: (tx, settings, now) => this.service.forgetDeclinedHandOvers(tx, settings, now),
    });
  }
}
