import { Module, DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, roleOfUrl, runMigrationsAs } from '@rujukan/persistence';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingConfig, MessagingModule, TransportHooks } from '@rujukan/messaging';
import { Item, ReceivedNote } from './ledger.entities.js';
import { LedgerEventHandler } from './ledger.event-handler.js';
import { LedgerHttpController } from './ledger.http.controller.js';
import { LedgerTables1763900000001 } from './ledger.migrations.js';
import { LedgerService } from './ledger.service.js';

export interface LedgerSettings {
  databaseUrl: string;
  /** The role that owns the tables and runs the migrations (DATABASE_MIGRATION_URL); the node then runs as one that owns none. */
  migrationUrl?: string;
  messaging: MessagingConfig;
  hooks?: TransportHooks;
}

/** A minimal node for the messaging tests: sends notes, records received ones. */
@Module({})
export class LedgerModule {
  static register(settings: LedgerSettings): DynamicModule {
    return {
      module: LedgerModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            const migrations = [...MESSAGING_MIGRATIONS, LedgerTables1763900000001];
            // As a real node (NodeCoreModule): migrations as the owner, the node as a role that owns nothing.
            if (settings.migrationUrl) await runMigrationsAs(settings.migrationUrl, roleOfUrl(settings.databaseUrl), migrations);
            return dataSourceOptions({
              url: settings.databaseUrl,
              entities: [...MESSAGING_ENTITIES, ReceivedNote, Item],
              migrations,
              migrationsRun: !settings.migrationUrl,
              connectTimeoutMs: 2000,
            });
          },
        }),
        MessagingModule.forRoot({ config: settings.messaging, hooks: settings.hooks }),
      ],
      controllers: [LedgerHttpController, LedgerEventHandler],
      providers: [LedgerService],
    };
  }
}
