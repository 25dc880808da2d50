import 'reflect-metadata';
import { ValidationPipe, INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamTransport, messagingConfigFromEnv, TransportHooks } from '@rujukan/messaging';
import { LedgerModule } from './ledger.module.js';

export interface LedgerNodeOptions {
  env: Record<string, string | undefined>;
  hooks?: TransportHooks;
  /** Listen on this HTTP port (0 picks a free one). */
  port?: number;
  logger?: LogLevel[] | false;
}

/** Starts a ledger node: HTTP API plus the JetStream transport, as a real node does. */
export async function startLedgerNode(options: LedgerNodeOptions): Promise<INestApplication> {
  const messaging = messagingConfigFromEnv(options.env);
  const databaseUrl = options.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const migrationUrl = options.env.DATABASE_MIGRATION_URL?.trim() || undefined;
  const app = await NestFactory.create(LedgerModule.register({ databaseUrl, migrationUrl, messaging, hooks: options.hooks }), {
    logger: options.logger ?? ['error', 'warn'],
  });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  app.enableShutdownHooks();
  app.connectMicroservice({ strategy: app.get(JetStreamTransport) });
  try {
    await app.startAllMicroservices();
    await app.listen(options.port ?? 0, '127.0.0.1');
  } catch (err) {
    await app.close();
    throw err;
  }
  return app;
}
