// Layer rules (docs/development.md): the layout tells the architecture, and this keeps it so.
// Libraries are ordered: contracts and persistence at the bottom, then messaging, auth,
// platform, service-node; a library imports only libraries below it.
const order = ['contracts|persistence', 'messaging', 'auth', 'platform', 'service-node'];
const lib = (names) => `^libs/(${names})/`;

const upward = order.slice(0, -1).map((level, i) => ({
  name: `libs-not-upward-from-${level.split('|')[0]}`,
  comment: `libs/${level} may import only libraries below it (${order.slice(0, i).join(', ') || 'none'})`,
  severity: 'error',
  from: { path: lib(level) },
  to: { path: lib(order.slice(i + 1).join('|')) },
}));

module.exports = {
  forbidden: [
    {
      name: 'apps-not-to-other-apps',
      comment: 'a node never imports another node: they talk only through events',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-not-to-apps-or-tests',
      comment: 'libraries serve every node and know none of them, nor the tests',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|test|scripts)/' },
    },
    {
      name: 'bottom-libs-independent',
      comment: 'contracts and persistence share the bottom layer and import no other library',
      severity: 'error',
      from: { path: '^libs/(contracts|persistence)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/' },
    },
    ...upward,
    {
      name: 'transport-not-to-repositories',
      comment:
        "a controller or event handler validates and calls its use case's service; only services reach repositories and queries' tables",
      severity: 'error',
      from: { path: '\\.(http\\.controller|event-handler)\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'sources-not-to-tests',
      comment: 'node code never imports test code',
      severity: 'error',
      from: { path: '^apps/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'an import cycle breaks ESM load order; TypeORM entities relate both ways through lazy `() => Entity` and Relation<>',
      severity: 'error',
      from: { pathNot: '\\.entity\\.ts$' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.data|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
