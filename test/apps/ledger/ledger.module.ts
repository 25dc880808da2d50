import { Module, DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@rujukan/persistence';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingConfig, MessagingModule, TransportHooks } from '@rujukan/messaging';
import { Item, ReceivedNote } from './ledger.entities.js';
import { LedgerEventHandler } from './ledger.event-handler.js';
import { LedgerHttpController } from './ledger.http.controller.js';
import { LedgerTables1763900000001 } from './ledger.migrations.js';
import { LedgerService } from './ledger.service.js';

export interface LedgerSettings {
  databaseUrl: string;
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
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: settings.databaseUrl,
            entities: [...MESSAGING_ENTITIES, ReceivedNote, Item],
            migrations: [...MESSAGING_MIGRATIONS, LedgerTables1763900000001],
            migrationsRun: true,
            connectTimeoutMs: 2000,
          }),
        ),
        MessagingModule.forRoot({ config: settings.messaging, hooks: settings.hooks }),
      ],
      controllers: [LedgerHttpController, LedgerEventHandler],
      providers: [LedgerService],
    };
  }
}
