import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessRecordModule, AgencyKeysHttpController, AUTH_ENTITIES, AUTH_MIGRATIONS, AuthModule } from '@rujukan/auth';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@rujukan/messaging';
import { dataSourceOptions, roleOfUrl, runMigrationsAs } from '@rujukan/persistence';
import { ApiDocsHttpController } from './api-docs/api-docs.http.controller.js';
import { ApiDocsService } from './api-docs/api-docs.service.js';
import { ConsoleHttpController } from './console/console.http.controller.js';
import { ConsoleService } from './console/console.service.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { IdempotencyKeys1763900000260 } from './idempotency/idempotency.migration.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { NodeRolePrivileges1763900000270 } from './node-role-privileges.migration.js';
import { AgencyCardProvider, NODE_CONFIG } from './agency-card.provider.js';
import type { NodeConfig } from './node-config.js';
import { OPERATIONS_SETTINGS } from './operations/operations.settings.js';
import { ReadinessService } from './operations/readiness.service.js';
import { MetricsAllowGuard } from './operations/metrics-allow.guard.js';
import { MetricsController } from './operations/metrics.http.controller.js';
import { NodeMetrics } from './operations/node-metrics.js';
import { RetentionModule } from './retention/retention.module.js';

/** What every node has: its own database (migrations only), durable messaging, sign-in and access records, Idempotency-Key on POSTs, GET /health, the probes /health/live and /health/ready, GET /metrics, its API described at GET /openapi.json and /docs, and its staff console at GET / (libs/console). */
@Module({})
export class NodeCoreModule {
  static forRoot(options: { config: NodeConfig; entities: Function[]; migrations: Function[] }): DynamicModule {
    return {
      module: NodeCoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            const { config } = options;
            const migrations = [
              ...MESSAGING_MIGRATIONS,
              ...AUTH_MIGRATIONS,
              IdempotencyKeys1763900000260,
              NodeRolePrivileges1763900000270,
              ...options.migrations,
            ];
            // Least privilege: the migrating role owns the tables; the node's own role only reads and writes rows.
            if (config.databaseMigrationUrl && config.migrationsRun)
              await runMigrationsAs(config.databaseMigrationUrl, roleOfUrl(config.databaseUrl), migrations);
            return dataSourceOptions({
              url: config.databaseUrl,
              entities: [...MESSAGING_ENTITIES, ...AUTH_ENTITIES, ...options.entities],
              migrations,
              migrationsRun: config.migrationsRun && !config.databaseMigrationUrl,
            });
          },
        }),
        MessagingModule.forRoot({ config: options.config.messaging }),
        AuthModule.forRoot(options.config.auth, { nodeKeyFile: options.config.nodeKeyFile }),
        AccessRecordModule.forRoot({
          agency: options.config.messaging.agency,
          nodeKeyFile: options.config.nodeKeyFile,
          ...options.config.accessRecord,
          sign: !options.config.messaging.passive,
        }),
        // After AuthModule: its guard has set the account the keys belong to.
        IdempotencyModule.forRoot(options.config.idempotency),
        RetentionModule.forRoot(options.config.retention),
        // Failing probes are answered (503, naming each check), not logged: a prober asks every few seconds.
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController, ApiDocsHttpController, AgencyKeysHttpController, ConsoleHttpController],
      providers: [
        { provide: NODE_CONFIG, useValue: options.config },
        { provide: OPERATIONS_SETTINGS, useValue: options.config.operations },
        AgencyCardProvider,
        HealthService,
        ReadinessService,
        NodeMetrics,
        MetricsAllowGuard,
        ApiDocsService,
        ConsoleService,
      ],
    };
  }
}
