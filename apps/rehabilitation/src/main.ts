import { runNode } from '@rujukan/platform';
import { RehabilitationModule } from './rehabilitation.module.js';

await runNode({ role: 'rehabilitation', defaultPort: 3004, module: (config) => RehabilitationModule.register(config) });
