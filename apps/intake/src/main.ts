import { runNode } from '@rujukan/platform';
import { importCommand } from './import-register/import-register.command.js';
import { IntakeModule } from './intake.module.js';

await runNode({
  role: 'intake',
  defaultPort: 3001,
  module: (config) => IntakeModule.register(config),
  commands: { import: importCommand },
});
