import 'reflect-metadata';
import { DynamicModule, INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AccountsService, ROLES, runVerifyAccessRecordCommand, type Role } from '@rujukan/auth';
import { ConfigError, JetStreamTransport, runDeadLetterCommand, runKeysCommand } from '@rujukan/messaging';
import { buildApiDocument } from './api-docs/api-document.js';
import { ApiDocsService } from './api-docs/api-docs.service.js';
import { correlationMiddleware } from './correlation.middleware.js';
import { useJsonBody } from './json-body.js';
import { NodeConfig, nodeConfigFromEnv } from './node-config.js';
import { NodeLogger } from './node-logger.js';
import { useSecurityHeaders } from './security-headers.js';
import { nodeValidationPipe } from './validation.js';
import { NodeMetrics } from './operations/node-metrics.js';
import { requestObserver } from './operations/request-observer.js';

export interface NodeDefinition {
  role: string;
  defaultPort: number;
  /** Reads broadcast events by default (reporting). */
  broadcasts?: boolean;
  module: (config: NodeConfig) => DynamicModule;
  /** The node's own commands (`projections rebuild` at reporting), by first word. */
  commands?: Record<string, (app: INestApplicationContext, args: string[]) => Promise<number>>;
}

/** Builds and starts one node: its HTTP API and its JetStream transport in one process. */
export async function createNode(
  definition: NodeDefinition,
  env: Record<string, string | undefined> = process.env,
): Promise<INestApplication> {
  const withDefaults = { BUS_BROADCASTS: definition.broadcasts ? 'true' : undefined, ...env };
  const config = nodeConfigFromEnv(definition.role, withDefaults, { port: definition.defaultPort });
  const logger = new NodeLogger(definition.role, { ...config.logging, agency: config.messaging.agency });
  const root = definition.module(config);
  const app = await NestFactory.create<NestExpressApplication>(root, { logger, bufferLogs: false });
  // First, so every answer has them, the body parser's refusals too.
  useSecurityHeaders(app);
  app.use(correlationMiddleware);
  app.use(requestObserver(logger, app.get(NodeMetrics)));
  useJsonBody(app);
  app.useGlobalPipes(nodeValidationPipe());
  app.get(ApiDocsService).document = buildApiDocument(app, root, definition.role);
  app.enableShutdownHooks();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Nest closes the app on the signal; should anything hang, do not outlive it for long.
      setTimeout(() => {
        logger.error(`shutdown took longer than 20 s after ${signal}; exiting`, 'Node');
        process.exit(1);
      }, 20000).unref();
    });
  }
  // Not inheritAppConfig: the HTTP validation pipe must not run on events (the transport validates them).
  app.connectMicroservice({ strategy: app.get(JetStreamTransport) });
  try {
    await app.startAllMicroservices();
    await app.listen(config.port, config.host);
  } catch (err) {
    await app.close();
    throw err;
  }
  logger.log(`${definition.role} node of ${config.messaging.agency} listening on http://${config.host}:${config.port}`, 'Node');
  return app;
}

/**
 * Runs a command against a node's database without serving or consuming:
 * `node dist/apps/<role>/src/main.js dead-letters list|replay <id>|--all`.
 */
export async function runNodeCommand(
  definition: NodeDefinition,
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  // The key file needs no database or bus: the PPA office asks for these keys before the node ever ran.
  if (args[0] === 'keys') return runKeysCommand(args.slice(1), env, (text) => process.stdout.write(text));
  const withDefaults = { BUS_BROADCASTS: definition.broadcasts ? 'true' : undefined, ...env };
  const config = nodeConfigFromEnv(definition.role, withDefaults, { port: definition.defaultPort });
  config.messaging.passive = true;
  const app = await NestFactory.create(definition.module(config), {
    logger: new NodeLogger(definition.role, { level: 'warn', format: config.logging.format, agency: config.messaging.agency }),
  });
  // Registers the event handlers (a replay runs them) without consuming from the bus.
  const transport = app.connectMicroservice({ strategy: app.get(JetStreamTransport) });
  try {
    await app.init();
    await transport.init();
    const [command, ...rest] = args;
    if (command === 'dead-letters') return await runDeadLetterCommand(app, rest);
    if (command === 'verify-access-record') return await runVerifyAccessRecordCommand(app, rest);
    const own = definition.commands?.[command];
    if (own) return await own(app, rest);
    if (command === 'staff' && rest[0] === 'create-admin' && rest[1]) {
      const password = env.STAFF_PASSWORD ?? (await readLine());
      const admin = await app.get(AccountsService).createFirstAdmin(rest[1], password);
      process.stdout.write(`created administrator ${admin.username} (${admin.id}); sign in with POST /auth/sign-in\n`);
      return 0;
    }
    if (command === 'staff' && rest[0] === 'create' && rest[1] && rest[2]) {
      // Any role, supervisors included (an administrator may not make one through the API); recorded and alerted.
      const role = staffRole(rest[2]);
      const password = env.STAFF_PASSWORD ?? (await readLine());
      const account = await app.get(AccountsService).create('command', { username: rest[1], displayName: rest[1], role, password });
      process.stdout.write(`created ${role} ${account.username} (${account.id})\n`);
      return 0;
    }
    if (command === 'staff' && rest[0] === 'set-role' && rest[1] && rest[2]) {
      const accounts = app.get(AccountsService);
      await accounts.changeRole('command', await accounts.idOf(rest[1]), staffRole(rest[2]));
      process.stdout.write(`${rest[1]} is now ${rest[2]}; their sessions have ended\n`);
      return 0;
    }
    if (command === 'staff' && rest[0] === 'reset-password' && rest[1]) {
      const accounts = app.get(AccountsService);
      const { oneTimePassword } = await accounts.resetPassword('command', await accounts.idOf(rest[1]));
      process.stdout.write(`one-time password for ${rest[1]} (to be changed at the next sign-in): ${oneTimePassword}\n`);
      return 0;
    }
    if (command === 'staff' && rest[0] === 'reset-second-factor' && rest[1]) {
      const accounts = app.get(AccountsService);
      await accounts.resetSecondFactor('command', await accounts.idOf(rest[1]));
      process.stdout.write(`second factor of ${rest[1]} is off; they enrol again at the next sign-in\n`);
      return 0;
    }
    if (command === 'staff' && rest[0] === 'unlock' && rest[1]) {
      await app.get(AccountsService).unlockByUsername(rest[1]);
      process.stdout.write(`unlocked ${rest[1]}\n`);
      return 0;
    }
    process.stderr.write(
      `unknown command "${args.join(' ')}"; try: keys show | keys rotate | keys rotate-signing | keys finish-signing-rotation | dead-letters list | dead-letters replay <id>|--all | verify-access-record [--heads FILE] [--public-key PEM] | staff create-admin <username> | staff create <username> <role> | staff set-role <username> <role> | staff reset-password <username> | staff reset-second-factor <username> | staff unlock <username>\n`,
    );
    return 2;
  } finally {
    await app.close();
  }
}

/** The first line of standard input (a password piped in, never an argument: arguments show in `ps`). */
async function readLine(): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new Error('no password on standard input (or set STAFF_PASSWORD)');
}

/** `main.ts` of every node: start (or run a command), or print why not and exit non-zero. */
export async function runNode(definition: NodeDefinition): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length) {
    try {
      process.exit(await runNodeCommand(definition, args));
    } catch (err) {
      process.stderr.write(`${definition.role}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
  try {
    await createNode(definition);
  } catch (err) {
    const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`${definition.role} node did not start: ${message}\n`);
    process.exit(1);
  }
}

function staffRole(word: string): Role {
  if (!(ROLES as readonly string[]).includes(word)) throw new Error(`unknown role "${word}": one of ${ROLES.join(', ')}`);
  return word as Role;
}
