import { readdirSync } from 'node:fs';
import { addToList, Files, replaceOnce } from './files.js';
import { camel, parsePattern, pascal, snake, token } from './names.js';

export interface HandlerOptions {
  node: string;
  /** `<area>.<event>.v<N>`: a contract of libs/contracts, or a new one (then `from` names who sends it). */
  pattern: string;
  /** The role that sends it (the e2e test sends it as that role's first agency; a new contract's only sender). */
  from: string;
  /** The use case's folder and service, verb-noun (default `keep-<event>`). */
  useCase?: string;
  /** The handler's reaction, `<Reaction>When<Event>` (default `keep`). */
  reaction?: string;
  /** The table and repository the use case writes (default the event's name). */
  aggregate?: string;
}

interface Contract {
  /** The contract constant and its payload class, as libs/contracts exports them. */
  name: string;
  payload: string;
  isNew: boolean;
}

/**
 * One use case reacting to one event, in the project's shape:
 * `<use-case>/<reaction>-when-<event>.event-handler.ts` (validates, calls one
 * method, awaits it), `<use-case>/<use-case>.service.ts` (the rules, taking
 * the transaction first), `<aggregate>/` (entity, repository: the only SQL,
 * a pure row function and its spec), a migration, the module's lists, and an
 * e2e test on the real bus. The contract is added to libs/contracts when it
 * is new (one required id field to start from; add the fields the receiver
 * needs, and no more).
 */
export function generateHandler(files: Files, options: HandlerOptions): string[] {
  const node = token('the node', options.node);
  const from = token('the sending role (--from)', options.from);
  const { area, event, version } = parsePattern(options.pattern);
  const useCase = token('the use case (--use-case)', options.useCase ?? `keep-${event}`);
  const reaction = token('the reaction (--reaction)', options.reaction ?? 'keep');
  const aggregate = token('the aggregate (--aggregate)', options.aggregate ?? event);
  const moduleFile = `apps/${node}/src/${node}.module.ts`;
  if (!files.exists(moduleFile)) throw new Error(`${moduleFile} is missing: make the node first (npm run new -- node ${node})`);
  if (!files.read('scripts/network/nodes.ts').includes(`'${from}'`)) throw new Error(`--from ${from} is not a node role`);

  const existing = findContract(files, area, event, version);
  if (existing) checkExisting(files, existing, `${area}.${event}.v${version}`, node, from);
  const contract = existing ?? addContract(files, area, event, version, from, node);
  const Event = contract.name;
  const Handler = `${pascal(reaction)}When${Event}`;
  const Service = `${pascal(useCase)}Service`;
  const method = camel(useCase);
  const Entity = pascal(aggregate);
  const Repository = `${Entity}Repository`;
  const rowOf = `${camel(aggregate)}Row`;
  const table = snake(aggregate);
  const stamp = Date.now();
  const Migration = `${pascal(node)}${Entity}${stamp}`;
  const handlerFile = `apps/${node}/src/${useCase}/${reaction}-when-${kebab(Event)}.event-handler.ts`;
  const serviceFile = `apps/${node}/src/${useCase}/${useCase}.service.ts`;
  const dir = `apps/${node}/src/${aggregate}`;
  const migrationFile = `apps/${node}/src/migrations/${stamp}-${aggregate}.ts`;
  const testFile = `test/${node}/${useCase}.e2e-spec.ts`;
  const pattern = `${area}.${event}.v${version}`;

  files.create(
    handlerFile,
    `import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ${Event}, type EventEnvelope, type ${contract.payload} } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ${Service} } from './${useCase}.service.js';

/** ${pattern}: validated by the transport before it comes here; applied in the event's own transaction. */
@Controller()
export class ${Handler} {
  constructor(private readonly ${method}: ${Service}) {}

  @OnEvent(${Event})
  async ${camel(reaction)}When${Event}(@Payload() event: EventEnvelope<${contract.payload}>, @Ctx() ctx: EventContext): Promise<void> {
    await this.${method}.${method}(ctx.tx, event);
  }
}
`,
  );
  files.create(
    serviceFile,
    `import { Injectable } from '@nestjs/common';
import type { EventEnvelope, ${contract.payload} } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ${rowOf} } from '../${aggregate}/${aggregate}-row.js';
import { ${Repository} } from '../${aggregate}/${aggregate}.repository.js';

/**
 * ${pascal(useCase).replace(/([a-z])([A-Z])/g, '$1 $2')} when ${pattern} comes. The rules live here: throw
 * EventRejected (from @rujukan/messaging) for an event that can never succeed, with a reason that names
 * the rule, never the data; anything else thrown is retried.
 */
@Injectable()
export class ${Service} {
  constructor(private readonly ${camel(aggregate)}s: ${Repository}) {}

  async ${method}(tx: Transaction, event: EventEnvelope<${contract.payload}>): Promise<void> {
    await this.${camel(aggregate)}s.insertOnce(tx, ${rowOf}(event));
  }
}
`,
  );
  files.create(
    `${dir}/${aggregate}.entity.ts`,
    `import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One ${pattern} as this agency keeps it: who sent it, for which case and victim (intake's ids). */
@Entity({ name: '${table}' })
export class ${Entity} {
  /** The event's id: the inbox applies an event once, and the key keeps it so. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'from_agency', type: 'text' })
  fromAgency: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'victim_id', type: 'uuid', nullable: true })
  victimId: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
`,
  );
  files.create(
    `${dir}/${aggregate}.repository.ts`,
    `import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ${Entity} } from './${aggregate}.entity.js';

/** Writes to \`${table}\`, in the caller's transaction. */
@Injectable()
export class ${Repository} {
  /** Keeps a row; an id seen before is ignored. */
  async insertOnce(tx: Transaction, values: Omit<${Entity}, 'receivedAt'>): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(${Entity}).values(values).orIgnore().execute();
  }
}
`,
  );
  files.create(
    `${dir}/${aggregate}-row.ts`,
    `import type { EventEnvelope } from '@rujukan/contracts';
import type { ${Entity} } from './${aggregate}.entity.js';

/** The row an event becomes: the envelope's sender, case and victim; nothing of the payload unless a column asks for it. */
export function ${rowOf}(event: EventEnvelope<unknown>): Omit<${Entity}, 'receivedAt'> {
  return { id: event.id, fromAgency: event.source.agency, caseId: event.caseId ?? null, victimId: event.victimId ?? null };
}
`,
  );
  files.create(
    `${dir}/${aggregate}-row.spec.ts`,
    `import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@rujukan/contracts';
import { ${rowOf} } from './${aggregate}-row.js';

function event(overrides: Partial<EventEnvelope<unknown>> = {}): EventEnvelope<unknown> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: '${area}.${event}',
    version: ${version},
    occurredAt: new Date().toISOString(),
    source: { agency: 'sender-agency', node: '${from}' },
    to: 'this-agency',
    caseId: randomUUID(),
    victimId: randomUUID(),
    correlationId: randomUUID(),
    payload: { note: 'words that stay with the sender' },
    ...overrides,
  };
}

describe('${rowOf}', () => {
  it('keeps the event id, the sender agency, the case and the victim, and nothing of the payload', () => {
    const e = event();
    const row = ${rowOf}(e);
    expect(row).toEqual({ id: e.id, fromAgency: 'sender-agency', caseId: e.caseId, victimId: e.victimId });
    expect(JSON.stringify(row)).not.toContain('words that stay with the sender');
  });

  it('keeps null, not undefined, for an event that names no case or victim', () => {
    expect(${rowOf}(event({ caseId: undefined, victimId: undefined }))).toMatchObject({ caseId: null, victimId: null });
  });
});
`,
  );
  files.create(
    migrationFile,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

/** \`${table}\`: the ${pattern} events this agency kept. */
export class ${Migration} implements MigrationInterface {
  name = '${Migration}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`
      CREATE TABLE ${table} (
        id uuid PRIMARY KEY,
        from_agency text NOT NULL,
        case_id uuid,
        victim_id uuid,
        received_at timestamptz NOT NULL DEFAULT now()
      )\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`DROP TABLE ${table}\`);
  }
}
`,
  );
  files.edit(moduleFile, (t) => {
    const imports = [
      `import { ${Handler} } from './${useCase}/${reaction}-when-${kebab(Event)}.event-handler.js';`,
      `import { ${Service} } from './${useCase}/${useCase}.service.js';`,
      `import { ${Entity} } from './${aggregate}/${aggregate}.entity.js';`,
      `import { ${Repository} } from './${aggregate}/${aggregate}.repository.js';`,
      `import { ${Migration} } from './migrations/${stamp}-${aggregate}.js';`,
    ];
    let out = replaceOnce(t, /((?:^import [^;]+;\n)+)/m, (all) => `${all}${imports.join('\n')}\n`, moduleFile);
    out = addToList(out, 'entities:', Entity, moduleFile);
    out = addToList(out, 'migrations:', Migration, moduleFile);
    out = addToList(out, 'controllers:', Handler, moduleFile);
    return addToList(out, 'providers:', `${Service}, ${Repository}`, moduleFile);
  });
  files.create(testFile, e2eTest({ node, from, pattern, area, event, version, useCase, table, contract }));
  return contract.isNew
    ? [`new contract ${pattern} in libs/contracts: add the fields the receiver needs, and send them in ${testFile}`]
    : [`${testFile} sends an empty ${contract.payload}: write a valid payload there, or it fails (dead-lettered)`];
}

/** `SchoolEnrolmentRequested` → `school-enrolment-requested`. */
function kebab(pascalName: string): string {
  return pascalName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The contract `defineEvent({ area, event, version, payload })` in libs/contracts, if it is defined. */
function findContract(files: Files, area: string, event: string, version: number): Contract | null {
  const sources = files
    .typescriptUnder('libs/contracts/src')
    .filter((p) => !p.endsWith('.spec.ts'))
    .map((p) => files.read(p));
  const definition = new RegExp(
    `export const (\\w+) = defineEvent\\(\\{\\s*area: '${area}',\\s*event: '${event}',\\s*version: ${version},\\s*payload: (\\w+)`,
  );
  for (const source of sources) {
    const m = definition.exec(source);
    if (m) return { name: m[1], payload: m[2], isNew: false };
  }
  return null;
}

/**
 * An existing contract can get a handler here only when the released
 * contracts already let this role receive it and the sender send it
 * (changing either breaks released nodes: a new version beside it does not),
 * and when the node does not handle it yet (one handler per event).
 */
function checkExisting(files: Files, contract: Contract, pattern: string, node: string, from: string): void {
  const handled = files.typescriptUnder(`apps/${node}/src`).find((p) => files.read(p).includes(`@OnEvent(${contract.name})`));
  if (handled) throw new Error(`${handled} handles ${pattern} already: one handler per event and node`);
  const dir = `${files.root}/libs/contracts/released`;
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .pop();
  const released = newest
    ? (
        JSON.parse(files.read(`libs/contracts/released/${newest}`)) as {
          contracts: Record<string, { senders: string[]; receivers: string[] | null } | undefined>;
        }
      ).contracts[pattern]
    : undefined;
  if (!released) return;
  const next = `${pattern.replace(/\.v\d+$/, '')}.v${Number(/\d+$/.exec(pattern)![0]) + 1}`;
  if (!released.receivers)
    throw new Error(
      `${pattern} is a broadcast: a node reads broadcasts only with its own consumer (registry "broadcasts": true); write that handler by hand`,
    );
  if (!released.receivers.includes(node))
    throw new Error(
      `${pattern} is sent only to ${released.receivers.join(', ')} agencies: a new receiver would break released nodes; define ${next} beside it`,
    );
  if (!released.senders.includes(from) && !released.senders.includes('*'))
    throw new Error(`${pattern} is sent only by ${released.senders.join(', ')} agencies, not ${from}`);
}

/** A new contract, addressed from `from` agencies to `to` agencies, exported by libs/contracts. */
function addContract(files: Files, area: string, event: string, version: number, from: string, to: string): Contract {
  const name = event.startsWith(`${area}-`) ? pascal(event) : `${pascal(area)}${pascal(event)}`;
  const payload = `${name}V${version}`;
  const path = `libs/contracts/src/events/${area}-${event}.events.ts`;
  files.create(
    path,
    `import { IsUUID } from 'class-validator';
import { defineEvent } from '../define-event.js';

/**
 * ${area}.${event}.v${version}: sent by a ${from} agency to a ${to} agency. Say here what it means
 * and why each field must travel (minimum necessary: nothing identifying the receiver does not need).
 */
export class ${payload} {
  /** The sender's id for what this event is about: its answers name it, and a re-sent one is kept once. */
  @IsUUID()
  recordId: string;
}

export const ${name} = defineEvent({
  area: '${area}',
  event: '${event}',
  version: ${version},
  payload: ${payload},
  senders: ['${from}'],
  receivers: ['${to}'],
});
`,
  );
  files.edit(
    'libs/contracts/src/index.ts',
    (t) => `${t.trimEnd()}\nexport { ${name}, ${payload} } from './events/${area}-${event}.events.js';\n`,
  );
  return { name, payload, isNew: true };
}

function e2eTest(o: {
  node: string;
  from: string;
  pattern: string;
  area: string;
  event: string;
  version: number;
  useCase: string;
  table: string;
  contract: Contract;
}): string {
  const { node, from, pattern, table, contract } = o;
  const payload = contract.isNew
    ? `{ recordId: randomUUID() }`
    : `{} as ${contract.payload} /* fill in a valid payload: the generator writes one only for the contracts it adds */`;
  return `import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { buildSubject, ${contract.name}, SPEC_VERSION, type EventEnvelope, type ${contract.payload} } from '@rujukan/contracts';
import { NodeKeys, signedBytes } from '@rujukan/messaging';
import { nodeKeyFile, type Network } from '../../scripts/network/start-network.js';
import { query } from '../support/database.js';
import { removeSevenNodes, startSevenNodes } from '../support/seven-nodes.js';
import { SHARED_NATS } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The ${node} node alone, its own process and database, on the real bus and
 * PostgreSQL: ${pattern} as a ${from} agency sends it.
 */
describe('${node}: ${o.useCase} on the real bus', () => {
  let network: Network;
  let nc: NatsConnection;

  beforeAll(async () => {
    network = await startSevenNodes({ label: '${snake(node)}_${snake(o.useCase)}', statisticsKey: randomBytes(32).toString('hex'), roles: ['${node}'] });
    nc = await connect({ servers: SHARED_NATS });
  });

  afterAll(async () => {
    await nc?.close();
    await removeSevenNodes(network);
  });

  const receiver = () => network.nodes.get('${node}')!;
  const rows = (sql: string, params: unknown[]) => query(receiver().database, sql, params);

  /** An event from the registry's first ${from} agency, as its node's outbox would publish it. */
  function envelope(payload: ${contract.payload}): EventEnvelope<${contract.payload}> {
    const sender = network.registry.agencies.find((a) => a.node === '${from}');
    if (!sender) throw new Error('bus/agencies.json has no ${from} agency');
    return {
      specversion: SPEC_VERSION,
      id: randomUUID(),
      type: ${contract.name}.type,
      version: ${contract.name}.version,
      occurredAt: new Date().toISOString(),
      source: { agency: sender.id, node: '${from}' },
      to: receiver().agency,
      caseId: randomUUID(),
      victimId: randomUUID(),
      correlationId: randomUUID(),
      payload,
    };
  }

  async function send(event: EventEnvelope<unknown>, msgID = event.id): Promise<void> {
    const subject = buildSubject(network.registry.network.prefix, {
      area: ${contract.name}.area,
      event: ${contract.name}.event,
      version: ${contract.name}.version,
      from: event.source.agency,
      to: event.to,
    });
    // Signed with the sending agency's key, as its node signs every envelope: the receiver verifies before anything else.
    const sender = NodeKeys.loadOrCreate(nodeKeyFile(network.options, '${from}'));
    const signed = { ...event, signature: sender.sign(signedBytes(event as unknown as Record<string, unknown>)) };
    await jetstream(nc).publish(subject, JSON.stringify(signed), { msgID });
  }

  it('a ${pattern} from a ${from} agency is kept once, however often it comes', async () => {
    const event = envelope(${payload});
    await send(event);
    // A sender re-sends what got no receipt under a fresh message id: the same event, a second delivery.
    await send(event, \`\${event.id}:1\`);
    await waitFor('the re-sent event to meet the inbox', async () => {
      const [row] = await rows('SELECT duplicate_deliveries FROM messaging_inbox WHERE event_id = $1', [event.id]);
      return Number(row?.duplicate_deliveries ?? 0) >= 1;
    });
    expect(await rows('SELECT id, from_agency, case_id FROM ${table}', [])).toEqual([
      { id: event.id, from_agency: event.source.agency, case_id: event.caseId },
    ]);
  });

  it('a malformed ${pattern} is dead-lettered with its reason, stores nothing, and does not block the next', async () => {
    const bad = { ...envelope(${payload}), payload: 'not a payload' } as unknown as EventEnvelope<unknown>;
    const next = envelope(${payload});
    await send(bad);
    await send(next);
    await waitFor('the next event kept', async () => (await rows('SELECT 1 FROM ${table} WHERE id = $1', [next.id])).length === 1);
    const letters = await rows('SELECT reason FROM messaging_dead_letter WHERE event_id = $1', [bad.id]);
    expect(letters).toEqual([{ reason: expect.stringMatching(/payload/) }]);
    expect(await rows('SELECT 1 FROM ${table} WHERE id = $1', [bad.id])).toEqual([]);
  });
});
`;
}
