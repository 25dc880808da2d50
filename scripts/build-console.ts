import { join } from 'node:path';
import { bundlePage, kb } from './bundle/bundle-page.js';
import { CONSOLE_ROLES } from './build-console-api.js';

/**
 * Builds each role's staff console (libs/console, entry src/roles/<role>.tsx)
 * into dist/console/<role>, which that node serves at / (libs/platform's
 * ConsoleHttpController): React and the component library included. Part of
 * `npm run build`, after tsc has type-checked the console against the
 * generated API types.
 */
const source = 'libs/console';
for (const role of CONSOLE_ROLES) {
  const sizes = await bundlePage({
    entry: join(source, 'src/roles', `${role}.tsx`),
    stylesheet: join(source, 'console.css'),
    html: join(source, 'index.html'),
    out: join('dist/console', role),
    name: 'console',
    jsx: true,
  });
  if (process.env.CONSOLE_BUILD_QUIET !== '1') process.stdout.write(`console (${role}): ${kb(sizes.gzip)} over the wire (gzip)\n`);
}
