import { bundlePage, kb } from './bundle/bundle-page.js';

/**
 * Builds the task force's dashboard (apps/reporting/dashboard) into
 * dist/apps/reporting/public, which the reporting node serves at /dashboard
 * (Chart.js included). Part of `npm run build`, after tsc has type-checked
 * the dashboard.
 */
const source = 'apps/reporting/dashboard';
const sizes = await bundlePage({
  entry: `${source}/src/main.ts`,
  stylesheet: `${source}/style.css`,
  html: `${source}/index.html`,
  out: 'dist/apps/reporting/public',
  name: 'dashboard',
});
if (process.env.DASHBOARD_BUILD_QUIET !== '1') {
  process.stdout.write(
    `dashboard: ${sizes.files.map((s) => `${s.file} ${kb(s.bytes)} (${kb(s.gzip)} gzip)`).join(', ')}; ${kb(sizes.gzip)} over the wire\n`,
  );
}
