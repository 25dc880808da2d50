import { Injectable, type OnModuleInit } from '@nestjs/common';
import { purgeSpentMessages } from '@rujukan/messaging';
import { RetentionSweeps } from './retention-sweeps.js';

/** Every node's outbox bodies after their receipt and dead letters after they were resolved, kept RETENTION_MESSAGE_GRACE_DAYS. */
@Injectable()
export class SpentMessagesSweep implements OnModuleInit {
  constructor(private readonly sweeps: RetentionSweeps) {}

  onModuleInit(): void {
    this.sweeps.register({
      name: 'outbox bodies after their receipt, resolved dead letters',
      run: (tx, settings, now) => purgeSpentMessages(tx.manager, settings.messageGraceDays, now),
    });
  }
}
