import { DynamicModule, Module } from '@nestjs/common';
import { RetentionSweeps } from './retention-sweeps.js';
import { RETENTION_SETTINGS, type RetentionSettings } from './retention.settings.js';
import { SpentMessagesSweep } from './spent-messages.sweep.js';

/** Data lifetimes on every node; global so each node's own modules register their sweeps. */
@Module({})
export class RetentionModule {
  static forRoot(settings: RetentionSettings): DynamicModule {
    return {
      module: RetentionModule,
      global: true,
      providers: [{ provide: RETENTION_SETTINGS, useValue: settings }, RetentionSweeps, SpentMessagesSweep],
      exports: [RETENTION_SETTINGS, RetentionSweeps],
    };
  }
}
