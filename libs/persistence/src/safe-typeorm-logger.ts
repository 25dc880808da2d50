import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * TypeORM's own loggers print failed queries with their parameters, which
 * hold victims' data. This one prints the statement's verb and the error's
 * class and code only.
 */
export class SafeTypeOrmLogger implements Logger {
  private readonly out = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const e = error as { name?: string; code?: string };
    const verb = query.trim().split(/\s+/, 2).join(' ').toUpperCase();
    this.out.warn(`query failed (${verb}): ${typeof error === 'string' ? 'error' : `${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}`}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn(`slow query (${query.trim().split(/\s+/, 1)[0]}): ${time} ms`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.out.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn(String(message));
  }
}
