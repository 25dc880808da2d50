import { runNode } from '@rujukan/platform';
import { ShelterModule } from './shelter.module.js';

await runNode({ role: 'shelter', defaultPort: 3002, module: (config) => ShelterModule.register(config) });
