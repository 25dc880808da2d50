import { runNode } from '@rujukan/platform';
import { ReintegrationModule } from './reintegration.module.js';

await runNode({ role: 'reintegration', defaultPort: 3006, module: (config) => ReintegrationModule.register(config) });
