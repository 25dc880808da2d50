import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyPurge } from './idempotency-purge.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './idempotency.settings.js';

/**
 * `Idempotency-Key` for every authenticated POST of the node. Imported after
 * the AuthModule, so its interceptor runs inside the access record's: a
 * replayed answer is recorded like the first.
 */
@Module({})
export class IdempotencyModule {
  static forRoot(settings: IdempotencySettings): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IDEMPOTENCY_SETTINGS, useValue: settings },
        IdempotencyRepository,
        IdempotencyPurge,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
