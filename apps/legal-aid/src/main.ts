import { runNode } from '@rujukan/platform';
import { LegalAidModule } from './legal-aid.module.js';

await runNode({ role: 'legal-aid', defaultPort: 3005, module: (config) => LegalAidModule.register(config) });
