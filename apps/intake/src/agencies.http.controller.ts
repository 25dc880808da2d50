import { Controller, Get, Inject } from '@nestjs/common';
import { LABELS_ID, SERVICE_PROVIDERS, type ServiceType } from '@rujukan/contracts';
import { Allow } from '@rujukan/auth';
import { INTAKE_SETTINGS, type IntakeSettings } from './intake.settings.js';

/** The agencies a case worker can refer to, with the services each provides. */
@Controller('agencies')
export class AgenciesHttpController {
  constructor(@Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings) {}

  @Allow(['case-worker', 'supervisor', 'agency-admin'], { resource: 'agency-directory', action: 'read' })
  @Get()
  list() {
    return this.settings.directory.list().map((a) => {
      const services = (Object.keys(SERVICE_PROVIDERS) as ServiceType[]).filter((s) => SERVICE_PROVIDERS[s] === a.node);
      return { id: a.id, name: a.name, node: a.node, services: services.map((s) => ({ code: s, label: LABELS_ID.service[s] })) };
    });
  }
}
