import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AccessRecord,
  AccessRecordChain1763900000210,
  AccessRecordModule,
  AuthModule,
  AuthTables1763900000200,
  StaffAccount,
} from '@rujukan/auth';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@rujukan/messaging';
import { dataSourceOptions, roleOfUrl, runMigrationsAs } from '@rujukan/persistence';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { IdempotencyKeys1763900000260 } from './idempotency/idempotency.migration.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { NodeRolePrivileges1763900000270 } from './node-role-privileges.migration.js';
import { AgencyCardProvider, NODE_CONFIG } from './agency-card.provider.js';
import type { NodeConfig } from './node-config.js';

/** What every node has: its own database (migrations only), durable messaging, sign-in and access records, Idempotency-Key on POSTs, GET /health. */
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
              AuthTables1763900000200,
              AccessRecordChain1763900000210,
              IdempotencyKeys1763900000260,
              NodeRolePrivileges1763900000270,
              ...options.migrations,
            ];
            // Least privilege: the migrating role owns the tables; the node's own role only reads and writes rows.
            if (config.databaseMigrationUrl && config.migrationsRun)
              await runMigrationsAs(config.databaseMigrationUrl, roleOfUrl(config.databaseUrl), migrations);
            return dataSourceOptions({
              url: config.databaseUrl,
              entities: [...MESSAGING_ENTITIES, StaffAccount, AccessRecord, ...options.entities],
              migrations,
              migrationsRun: config.migrationsRun && !config.databaseMigrationUrl,
            });
          },
        }),
        MessagingModule.forRoot({ config: options.config.messaging }),
        AuthModule.forRoot(options.config.auth),
        AccessRecordModule.forRoot({
          agency: options.config.messaging.agency,
          nodeKeyFile: options.config.nodeKeyFile,
          ...options.config.accessRecord,
          sign: !options.config.messaging.passive,
        }),
        // After AuthModule: its guard has set the account the keys belong to.
        IdempotencyModule.forRoot(options.config.idempotency),
      ],
      controllers: [HealthController],
      providers: [{ provide: NODE_CONFIG, useValue: options.config }, AgencyCardProvider, HealthService],
    };
  }
}
