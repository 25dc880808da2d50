import { runNode } from '@rujukan/platform';
import { IntakeModule } from './intake.module.js';

await runNode({ role: 'intake', defaultPort: 3001, module: (config) => IntakeModule.register(config) });
