import { DynamicModule, Module } from '@nestjs/common';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';
import { Admission } from './admissions/admission.entity.js';
import { AdmissionsHttpController } from './admissions/admissions.http.controller.js';
import { AdmissionsService } from './admissions/admissions.service.js';
import { ShelterAdmissions1763900002000 } from './migrations/1763900002000-shelter-admissions.js';

@Module({ controllers: [AdmissionsHttpController], providers: [AdmissionsService] })
class AdmissionsModule {}

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
