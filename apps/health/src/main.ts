import { runNode } from '@rujukan/platform';
import { HealthModule } from './health.module.js';

await runNode({ role: 'health', defaultPort: 3003, module: (config) => HealthModule.register(config) });
