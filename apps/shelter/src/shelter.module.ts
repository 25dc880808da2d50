import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';
import { Admission } from './admissions/admission.entity.js';
import { AdmissionsHttpController } from './admissions/admissions.http.controller.js';
import { AdmissionsService } from './admissions/admissions.service.js';
import { ShelterAdmissions1763900002000 } from './migrations/1763900002000-shelter-admissions.js';

@Module({ controllers: [AdmissionsHttpController], providers: [AdmissionsService] })
class AdmissionsModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  /** An admission is the case worker's who holds its referral. */
  onModuleInit(): void {
    this.ownership.register('admission', async (manager, id, staff) => {
      const rows: Array<{ assignee_id: string | null }> = await manager.query(
        `SELECT r.assignee_id FROM admission a JOIN incoming_referral r ON r.referral_id = a.referral_id WHERE a.id = $1`,
        [id],
      );
      if (!rows.length) return 'missing';
      return !rows[0].assignee_id || rows[0].assignee_id === staff.staffId ? 'own' : 'other';
    });
  }
}

/** Temporary shelter (safe house): referral inbox, admission, discharge (which completes the referral). */
@Module({})
export class ShelterModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: ShelterModule,
      imports: [
        ServiceNodeModule.forRoot({
          config,
          completion: 'by-node',
          entities: [Admission],
          migrations: [ShelterAdmissions1763900002000],
          imports: [AdmissionsModule],
        }),
      ],
    };
  }
}
