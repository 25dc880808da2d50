import { runNode } from '@rujukan/platform';
import { projectionsCommand } from './rebuild/rebuild.command.js';
import { ReportingModule } from './reporting.module.js';

await runNode({
  role: 'reporting',
  defaultPort: 3007,
  broadcasts: true,
  module: (config) => ReportingModule.register(config),
  commands: { projections: projectionsCommand },
});
