import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { routeTable, type RouteEntry } from '@rujukan/auth';
import { API_CONTENT_SECURITY_POLICY, openApiPath } from '@rujukan/platform';
import { NODE_ROLES, type NodeRole } from '../../scripts/network/nodes.js';
import type { Network } from '../../scripts/network/start-network.js';
import { NODE_MODULES } from '../support/node-modules.js';
import { removeSevenNodes, startSevenNodes } from '../support/seven-nodes.js';

// The documents are read as plain JSON; typing every OpenAPI field adds nothing here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** `OPENAPI_WRITE=1` (what `npm run openapi` sets) rewrites the committed documents from the live ones instead of comparing. */
const WRITE = process.env.OPENAPI_WRITE === '1';
const committedFile = (role: NodeRole) => `docs/api/${role}.openapi.json`;

/** Nest's route-argument kinds (RouteParamtypes): what a handler takes from the request. */
const BODY = 3;
const QUERY = 4;

/** The places where two JSON values differ, as JSON pointers (the first few). */
function differences(a: unknown, b: unknown, path = '', into: string[] = []): string[] {
  if (into.length >= 15) return into;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Json)[k], (b as Json)[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, into);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) into.push(path || '/');
  return into;
}

/**
 * Each node describes its API at /openapi.json (Swagger UI at /docs): the
 * document equals the one committed in docs/api/, and every route of the
 * node's route table is in it, with its security, its request body's schema
 * and a schema for its answer. A route added without a description fails
 * here, by name; docs/development.md says how to describe it.
 */
describe('the nodes’ API documents', () => {
  let network: Network;
  const live = new Map<NodeRole, Json>();

  beforeAll(async () => {
    // Building the route tables registers a data source per module; its warnings are noise here.
    Logger.overrideLogger(['error']);
    network = await startSevenNodes({ label: 'openapi', statisticsKey: randomBytes(32).toString('hex') });
    for (const role of NODE_ROLES) {
      const res = await fetch(`${network.nodes.get(role)!.url}/openapi.json`);
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
      live.set(role, (await res.json()) as Json);
    }
  });

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  it('each node serves the document committed in docs/api/ (npm run openapi rewrites them)', () => {
    const stale: Array<{ document: string; differsFromLiveAt: string[] }> = [];
    for (const role of NODE_ROLES) {
      const document = live.get(role)!;
      if (WRITE) {
        mkdirSync('docs/api', { recursive: true });
        writeFileSync(committedFile(role), `${JSON.stringify(document, null, 2)}\n`);
        continue;
      }
      const committed = existsSync(committedFile(role)) ? (JSON.parse(readFileSync(committedFile(role), 'utf8')) as Json) : undefined;
      const changed = differences(committed, document);
      if (changed.length) stale.push({ document: committedFile(role), differsFromLiveAt: changed });
    }
    expect({ stale, fix: stale.length ? 'run `npm run openapi` and commit docs/api/' : '' }).toEqual({ stale: [], fix: '' });
  });

  it('every route of every node is in its document, with its security, request schema, parameters and answers', () => {
    const problems: string[] = [];
    for (const role of NODE_ROLES) {
      const document = live.get(role)!;
      const resolve = (schema: Json | undefined): Json | undefined =>
        schema?.$ref ? document.components?.schemas?.[String(schema.$ref).replace('#/components/schemas/', '')] : schema;
      /** A schema says something: a type with properties or items, an enum, a reference that resolves, or a combination. */
      const says = (schema: Json | undefined, depth = 0): boolean => {
        const s = resolve(schema);
        if (!s || depth > 5) return !!s;
        if (s.anyOf || s.oneOf || s.allOf)
          return [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].every((p: Json) => says(p, depth + 1));
        if (s.type === 'array') return says(s.items, depth + 1);
        if (s.type === 'object') return !!(s.properties && Object.keys(s.properties).length) || !!s.additionalProperties;
        return !!(s.type || s.enum);
      };
      for (const route of routeTable(NODE_MODULES[role](network.environment(role)))) {
        const name = `${role} ${route.method} ${route.path} (${route.controller}.${route.handler})`;
        const op = document.paths?.[openApiPath(route.path)]?.[route.method.toLowerCase()] as Json | undefined;
        if (!op) {
          problems.push(`${name}: missing from the document`);
          continue;
        }
        problems.push(...checkOperation(name, route, op, says));
      }
    }
    expect(problems).toEqual([]);
  });

  it('serves Swagger UI at /docs from its own files, under a policy that lets it run', async () => {
    for (const role of NODE_ROLES) {
      const url = network.nodes.get(role)!.url;
      const page = await fetch(`${url}/docs`);
      const html = await page.text();
      expect({ role, status: page.status, type: page.headers.get('content-type') }).toEqual({
        role,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).not.toMatch(/https?:/);
      // Every file the page loads is this node's own, and answers.
      const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(files.every((f) => f.startsWith('docs/'))).toBe(true);
      for (const file of files) expect({ file, status: (await fetch(`${url}/${file}`)).status }).toEqual({ file, status: 200 });
    }
    // The rest of the API keeps its own policy (nothing may load), not Swagger UI's.
    const health = await fetch(`${network.nodes.get('intake')!.url}/health`);
    expect(health.headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
  });
});

function checkOperation(name: string, route: RouteEntry, op: Json, says: (schema: Json | undefined) => boolean): string[] {
  const problems: string[] = [];
  const kinds = Object.keys((Reflect.getMetadata('__routeArguments__', route.type, route.handler) ?? {}) as object).map((k) =>
    Number(k.split(':')[0]),
  );
  const isPublic = route.rule === 'public';
  const security = JSON.stringify(op.security ?? null);
  if (isPublic ? security !== '[]' : !security.includes('"bearer"'))
    problems.push(`${name}: security should be ${isPublic ? '[] (public)' : '[{ bearer: [] }]'}, is ${security}`);
  if (kinds.includes(BODY) && !says(op.requestBody?.content?.['application/json']?.schema))
    problems.push(`${name}: takes a body but its schema is empty: give its @Body() parameter a DTO class with class-validator rules`);
  if (kinds.includes(QUERY) && !(op.parameters ?? []).some((p: Json) => p.in === 'query'))
    problems.push(`${name}: reads the query but documents no query parameter: give @Query() a DTO class with class-validator rules`);
  for (const param of route.path.match(/:([A-Za-z0-9_]+)/g) ?? []) {
    if (!(op.parameters ?? []).some((p: Json) => p.in === 'path' && p.name === param.slice(1)))
      problems.push(`${name}: path parameter ${param} undocumented`);
  }
  const successes = Object.entries((op.responses ?? {}) as Record<string, Json>).filter(([s]) => s.startsWith('2'));
  if (!successes.length) problems.push(`${name}: no 2xx answer`);
  for (const [status, response] of successes) {
    if (status === '204') continue;
    const content = Object.values((response.content ?? {}) as Record<string, Json>);
    if (!content.length || !content.every((c) => says(c.schema)))
      problems.push(
        `${name}: its ${status} answer has no schema: give the handler a return type (not any), or declare it with @ApiOkResponse({ type }) / @ApiResponse({ status, schema })`,
      );
  }
  if (!isPublic) for (const s of ['401', '403']) if (!op.responses?.[s]) problems.push(`${name}: no ${s} answer`);
  if (kinds.includes(BODY) && !op.responses?.['400']) problems.push(`${name}: takes a body but documents no 400`);
  return problems;
}
