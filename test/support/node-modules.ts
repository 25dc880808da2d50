import type { DynamicModule } from '@nestjs/common';
import { nodeConfigFromEnv } from '@rujukan/platform';
import { HealthModule } from '../../apps/health/src/health.module.js';
import { IntakeModule } from '../../apps/intake/src/intake.module.js';
import { LegalAidModule } from '../../apps/legal-aid/src/legal-aid.module.js';
import { RehabilitationModule } from '../../apps/rehabilitation/src/rehabilitation.module.js';
import { ReintegrationModule } from '../../apps/reintegration/src/reintegration.module.js';
import { ReportingModule } from '../../apps/reporting/src/reporting.module.js';
import { ShelterModule } from '../../apps/shelter/src/shelter.module.js';
import type { NodeRole } from '../../scripts/network/nodes.js';

/** Each node's root module for an environment (Network.environment(role)), for reading its route table in the test process. */
export const NODE_MODULES: Record<NodeRole, (env: Record<string, string>) => DynamicModule> = {
  intake: (env) => IntakeModule.register(nodeConfigFromEnv('intake', env, { port: 0 }), env),
  shelter: (env) => ShelterModule.register(nodeConfigFromEnv('shelter', env, { port: 0 })),
  health: (env) => HealthModule.register(nodeConfigFromEnv('health', env, { port: 0 })),
  rehabilitation: (env) => RehabilitationModule.register(nodeConfigFromEnv('rehabilitation', env, { port: 0 })),
  'legal-aid': (env) => LegalAidModule.register(nodeConfigFromEnv('legal-aid', env, { port: 0 })),
  reintegration: (env) => ReintegrationModule.register(nodeConfigFromEnv('reintegration', env, { port: 0 })),
  reporting: (env) => ReportingModule.register(nodeConfigFromEnv('reporting', env, { port: 0 })),
};
