import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { REGISTER_LOOKUP, routeTable, type RouteEntry } from '@rujukan/auth';
import { NO_IDEMPOTENCY } from '../idempotency/idempotency.decorator.js';
import { HTTP_BODY_LIMITS } from '../json-body.js';
import { readApiTypes, type Schema } from './api-types.js';
import { describeDtos } from './describe-dtos.js';
import { ERROR_SCHEMAS, errorResponse } from './error-responses.js';

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<Record<string, unknown>>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: Array<Record<string, string[]>>;
};

/** Nest's metadata as what it holds (Reflect's API returns any). */
const meta = <T>(key: string, target: object): T | undefined => Reflect.getMetadata(key, target) as T | undefined;

const STATUS_TEXT: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No Content' };

/** `/cases/:id` as OpenAPI writes it: `/cases/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The request DTO classes a route handler takes (its parameters' classes that carry class-validator rules). */
function dtoClasses(route: RouteEntry): Function[] {
  const types = (Reflect.getMetadata('design:paramtypes', route.type.prototype as object, route.handler) ?? []) as unknown[];
  return types.filter(
    (t): t is Function => typeof t === 'function' && getMetadataStorage().getTargetValidationMetadatas(t, '', true, false).length > 0,
  );
}

/**
 * A node's OpenAPI document, built from what the code declares and nothing
 * written beside it: routes, parameters and bodies by @nestjs/swagger from
 * the controllers (DTOs described from their class-validator rules), who may
 * call each route from its access rule, and its answers and failures from
 * the TypeScript types read at build time (dist/openapi/types.json). Whatever
 * a handler declares itself with @nestjs/swagger's decorators is kept.
 */
export function buildApiDocument(app: INestApplication, root: DynamicModule | Type, role: string): OpenAPIObject {
  const routes = routeTable(root);
  const types = readApiTypes(role);
  describeDtos(routes.flatMap(dtoClasses), (target, property) => {
    for (let c: Function | null = target; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as Function | null) {
      const found = types.description(c.name, property);
      if (found) return found;
    }
    return undefined;
  });
  const config = new DocumentBuilder()
    .setTitle(`jejaring-rujukan: ${role} node`)
    .setDescription(
      `The HTTP API of the ${role} node of the referral network. Sign in with POST /auth/sign-in (or bring a token of the ` +
        `agency's identity provider) and send the token as \`Authorization: Bearer <token>\`. Bad input is refused with 400 and ` +
        `the errors per field (\`fields\`); POSTs take an optional \`Idempotency-Key\`.`,
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The accessToken from POST /auth/sign-in, or an identity-provider token',
      },
      'bearer',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    autoTagControllers: false,
    operationIdFactory: (controller, method) => `${controller}.${method}`,
  });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...ERROR_SCHEMAS } };
  const used = new Set<string>();
  for (const route of routes) {
    const op = (document.paths[openApiPath(route.path)] as Record<string, Operation> | undefined)?.[route.method.toLowerCase()];
    if (!op) continue;
    describeOperation(op, route, types.operation(route.controller, route.handler));
    collectRefs(op, used);
  }
  const schemas = document.components.schemas as Record<string, Schema>;
  for (const name of closure(used, types.schemas, schemas)) schemas[name] ??= types.schemas[name];
  // Only what the routes use (the scanner also lists classes it merely looked at).
  const reachable = new Set<string>();
  collectRefs(document.paths, reachable);
  const keep = new Set([...reachable, ...closure(reachable, schemas, {})]);
  document.components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => keep.has(name)));
  return document;
}

function describeOperation(op: Operation, route: RouteEntry, typed: ReturnType<ReturnType<typeof readApiTypes>['operation']>): void {
  const handler = (route.type.prototype as Record<string, object>)[route.handler];
  const isPublic = route.rule === 'public';
  const rule = route.rule === 'public' || route.rule === null ? undefined : route.rule;
  // The doc comment's first sentence is the summary (else the use case's name), the whole comment the description.
  const doc = typed?.summary?.replace(/\s*\n\s*/g, ' ');
  const first = doc?.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? doc;
  op.summary ??= first ? (first.length > 120 ? `${first.slice(0, 117)}…` : first) : useCaseName(route);
  if (doc && doc !== first) op.description ??= doc;
  if (rule) {
    const who = `Allowed: ${rule.roles.join(', ')}${rule.param && rule.roles.includes('case-worker') ? ' (a case worker only on a record assigned to or shared with her)' : ''}.`;
    op.description = op.description ? `${op.description}\n\n${who}` : who;
  } else op.description = op.description ? `${op.description}\n\nPublic: no sign-in.` : 'Public: no sign-in.';
  op.tags ??= [route.path.split('/')[1] || 'node'];
  op.security = isPublic ? [] : [{ bearer: [] }];

  // The answer: what the handler declares, else its return type.
  const [status] = Object.keys(op.responses).filter((s) => s.startsWith('2'));
  const success = op.responses[status] ?? {};
  success.description ||= STATUS_TEXT[status] ?? 'Success';
  if (!success.content && typed?.schema && status !== '204') {
    const headers = meta<Array<{ name: string; value: string }>>('__headers__', handler) ?? [];
    const declared = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
    const binary = typed.schema.format === 'binary';
    success.content = declared
      ? { [declared.split(';')[0]]: { schema: { type: 'string' } } }
      : { [binary ? 'application/octet-stream' : 'application/json']: { schema: typed.schema } };
  }
  op.responses[status] = success;

  // The failures: the node's edge, guard and idempotency, and what the handler's code throws.
  const takesBody = !!op.requestBody;
  const validates = takesBody || (op.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path') || !!rule?.param;
  const idempotent =
    !isPublic && route.method === 'POST' && !meta<boolean>(NO_IDEMPOTENCY, handler) && !meta<boolean>(NO_IDEMPOTENCY, route.type);
  const statuses = new Set<number>(typed?.throws ?? []);
  if (validates) statuses.add(400);
  if (!isPublic) [401, 403].forEach((s) => statuses.add(s));
  if (takesBody) statuses.add(413);
  const looksUp = !!meta<unknown>(REGISTER_LOOKUP, handler);
  if (looksUp) statuses.add(429);
  if (idempotent) {
    [409, 422].forEach((s) => statuses.add(s));
    op.parameters = [
      ...(op.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Any unique string (a UUID is a good key): the same key with the same request gets the first answer again ' +
          '(`Idempotency-Replayed: true`) and has one effect; with a different request, 422.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    ];
  }
  if (takesBody) op.description += ` Body: JSON, at most ${HTTP_BODY_LIMITS.maxBytes}, nested at most ${HTTP_BODY_LIMITS.maxDepth} levels.`;
  const thrown = new Set(typed?.throws ?? []);
  for (const s of [...statuses].sort())
    op.responses[String(s)] ??= errorResponse(s, { idempotent, thrown: thrown.has(s), isPublic, lookup: looksUp });
}

/** `RegisterComplaintHttpController.register` reads "Register complaint"; a controller of several routes adds the handler. */
function useCaseName(route: RouteEntry): string {
  const words = route.controller
    .replace(/HttpController$|Controller$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const handlers = Object.getOwnPropertyNames(route.type.prototype).filter((n) => n !== 'constructor');
  const name = handlers.length > 1 ? `${words}: ${route.handler}` : words;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.add(v.replace('#/components/schemas/', ''));
      else collectRefs(v, into);
    }
  }
}

/** The named schemas `names` refer to, and those they refer to in turn, that the document does not hold yet. */
function closure(names: Set<string>, available: Record<string, Schema>, present: Record<string, Schema>): string[] {
  const out = new Set<string>();
  const pending = [...names];
  while (pending.length) {
    const name = pending.pop()!;
    if (out.has(name) || present[name] || !available[name]) continue;
    out.add(name);
    const refs = new Set<string>();
    collectRefs(available[name], refs);
    pending.push(...refs);
  }
  return [...out].sort();
}
