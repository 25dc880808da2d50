import { Files, replaceOnce } from './files.js';
import { constant, pascal, snake, token } from './names.js';

export interface NodeOptions {
  role: string;
  /** The first agency of this role in bus/agencies.json (default: the role). */
  agency?: string;
  name?: string;
  district?: string;
}

/**
 * A new agency role: its app (main, root module), and the role where the
 * network needs it: the roles in contracts, the launcher's roles and ports,
 * the test support's modules, the bus registry (from which the PPA office
 * signs the agency registry), and Docker Compose (service, database, secrets).
 * The layer rules, nest-cli.json and the tsconfig paths name no app, so a new
 * app is under them as it is.
 */
export function generateNode(files: Files, options: NodeOptions): void {
  const role = token('the role', options.role);
  const agency = token('the agency id', options.agency ?? role);
  // `all` is the broadcast address in every subject (libs/contracts/src/subjects.ts).
  if (agency === 'all') throw new Error('the agency id "all" is the broadcast address: choose another');
  const name = options.name ?? `${pascal(role)} agency`;
  const Module = `${pascal(role)}Module`;
  if (files.exists(`apps/${role}/src/main.ts`)) throw new Error(`apps/${role} exists already`);
  const port = nextPort(files);

  files.create(
    `apps/${role}/src/main.ts`,
    `import { runNode } from '@rujukan/platform';
import { ${Module} } from './${role}.module.js';

await runNode({ role: '${role}', defaultPort: ${port}, module: (config) => ${Module}.register(config) });
`,
  );
  files.create(
    `apps/${role}/src/${role}.module.ts`,
    `import { DynamicModule, Module } from '@nestjs/common';
import { NodeCoreModule, type NodeConfig } from '@rujukan/platform';

/**
 * ${name} (the ${role} node). Every use case is a folder beside this file with
 * its transport and one service; \`npm run new -- handler ${role} <area>.<event>.v<N>\`
 * adds one and lists its parts below.
 */
@Module({})
export class ${Module} {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: ${Module},
      imports: [NodeCoreModule.forRoot({ config, entities: [], migrations: [] })],
      controllers: [],
      providers: [],
    };
  }
}
`,
  );

  const quoted = role.includes('-') ? `'${role}'` : role;
  files.edit('libs/contracts/src/domain/vocabulary.ts', (t) =>
    replaceOnce(
      t,
      /(export const AGENCY_ROLES = \[)([^\]]*)(\] as const;)/,
      (_a, h, items, e) => `${h}${items}, '${role}'${e}`,
      'AGENCY_ROLES',
    ),
  );
  files.edit('scripts/network/nodes.ts', (t) => {
    const roles = replaceOnce(
      t,
      /(export const NODE_ROLES = \[)([^\]]*)(\] as const;)/,
      (_a, h, items, e) => `${h}${items}, '${role}'${e}`,
      'NODE_ROLES',
    );
    return replaceOnce(
      roles,
      /(export const DEFAULT_PORTS[^{]*\{[\s\S]*?)(\n\};)/,
      (_a, body, end) => `${body}\n  ${quoted}: ${port},${end}`,
      'DEFAULT_PORTS',
    );
  });
  files.edit('test/support/node-modules.ts', (t) => {
    const imported = replaceOnce(
      t,
      /(import type \{ NodeRole \})/,
      (_a, line) => `import { ${Module} } from '../../apps/${role}/src/${role}.module.js';\n${line}`,
      'node-modules imports',
    );
    return replaceOnce(
      imported,
      /(export const NODE_MODULES[\s\S]*?)(\n\};)/,
      (_a, body, end) => `${body}\n  ${quoted}: (env) => ${Module}.register(nodeConfigFromEnv('${role}', env, { port: 0 })),${end}`,
      'NODE_MODULES',
    );
  });
  files.edit('bus/agencies.json', (t) => {
    const registry = JSON.parse(t) as { agencies: Array<{ id: string }> };
    if (registry.agencies.some((a) => a.id === agency)) throw new Error(`bus/agencies.json has an agency ${agency} already`);
    registry.agencies.push({ id: agency, node: role, name, ...(options.district ? { district: options.district } : {}) } as { id: string });
    return `${JSON.stringify(registry, null, 2)}\n`;
  });
  addToCompose(files, role, agency, port);
}

/** The port after the highest default port of the launcher. */
function nextPort(files: Files): number {
  const block = /export const DEFAULT_PORTS[^{]*\{([\s\S]*?)\n\};/.exec(files.read('scripts/network/nodes.ts'));
  const ports = [...(block?.[1] ?? '').matchAll(/:\s*(\d+)/g)].map((m) => Number(m[1]));
  if (!ports.length) throw new Error('scripts/network/nodes.ts: no DEFAULT_PORTS found');
  return Math.max(...ports) + 1;
}

/** A compose service like the other nodes', its database and roles, and its three secrets. */
function addToCompose(files: Files, role: string, agency: string, port: number): void {
  const db = `rujukan_${snake(role)}`;
  const C = constant(role);
  const secret = (v: string) => `\${${v}:?set ${v} - see docker/compose.env.example}`;
  const service = `  ${role}:
    <<: *node
    command: ['dist/apps/${role}/src/main.js']
    environment:
      NODE_ROLE: ${role}
      NODE_KEY_FILE: /keys/${role}.node-key.json
      ACCESS_RECORD_HEADS_FILE: /heads/${role}.heads.jsonl
      # Signs this node's own short-lived staff tokens.
      AUTH_TOKEN_SECRET: ${secret(`${C}_AUTH_TOKEN_SECRET`)}
      # A second factor (TOTP) for every role that sees case data (docs/security.md).
      AUTH_SECOND_FACTOR: 'true'
      AGENCY_ID: ${agency}
      HOST: 0.0.0.0
      PORT: '${port}'
      # The node's own role owns no table; migrations run as the database's owner (docs/security.md).
      DATABASE_URL: postgres://${db}_node:${secret(`${C}_DB_PASSWORD`)}@postgres:5432/${db}
      DATABASE_MIGRATION_URL: postgres://${db}_migrator:${secret(`${C}_DB_MIGRATOR_PASSWORD`)}@postgres:5432/${db}
      NATS_URL: tls://bus:4222
      NATS_CREDS: /bus/${agency}.creds
      NATS_CA: /bus/tls/ca.pem
      AGENCY_DIRECTORY: bus/agencies.json
      AGENCY_REGISTRY: /registry/agency-registry.signed.json
      AGENCY_REGISTRY_KEY: /registry/ppa-office.pub.pem
    ports:
      - '${port}:${port}'

`;
  files.edit('docker-compose.yml', (t) => replaceOnce(t, /\nvolumes:\n/, (v) => `\n${service}${v.slice(1)}`, 'docker-compose.yml volumes'));
  files.edit('docker/postgres/init-databases.sh', (t) => `${t.trimEnd()}\ncreate ${db} "$${C}_DB_PASSWORD" "$${C}_DB_MIGRATOR_PASSWORD"\n`);
  files.edit('docker/compose.env.example', (t) => {
    const vars = [`${C}_AUTH_TOKEN_SECRET`, `${C}_DB_PASSWORD`, `${C}_DB_MIGRATOR_PASSWORD`];
    const listed = replaceOnce(
      t,
      /(#\s+for v in [^;]*)(; do)/,
      (_a, list, end) => `${list} ${vars.join(' ')}${end}`,
      'compose.env.example',
    );
    return `${listed.trimEnd()}\n${vars.map((v) => `${v}=`).join('\n')}\n`;
  });
}
