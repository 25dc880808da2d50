import type { DynamicModule, Type } from '@nestjs/common';
import { ACCESS_RULE, PUBLIC_ROUTE, SIGN_IN_STEP_ROUTE, type AccessRule } from './access.decorator.js';
import type { SignInStep } from './roles.js';

export interface RouteEntry {
  method: string;
  path: string;
  controller: string;
  handler: string;
  /** The controller class itself (for the OpenAPI document, which reads its handlers' metadata). */
  type: Type;
  rule: AccessRule | 'public' | null;
  /** The sign-in step a limited token may call this route for (set a new password, turn on a second factor). */
  signInStep?: SignInStep;
}

/** Nest's metadata as what it holds (Reflect's API returns any). */
const meta = <T>(key: string, target: object): T | undefined => Reflect.getMetadata(key, target) as T | undefined;

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

/** Every HTTP route a module tree declares, with its access rule (for tests and docs). */
export function routeTable(root: DynamicModule | Type): RouteEntry[] {
  const controllers = new Set<Type>();
  const seen = new Set<unknown>();
  const walk = (m: DynamicModule | Type | undefined) => {
    if (!m || seen.has(m)) return;
    seen.add(m);
    const cls = 'module' in (m as DynamicModule) ? (m as DynamicModule).module : (m as Type);
    const dyn = 'module' in (m as DynamicModule) ? (m as DynamicModule) : undefined;
    for (const c of [...(meta<Type[]>('controllers', cls) ?? []), ...(dyn?.controllers ?? [])]) controllers.add(c);
    for (const i of [...(meta<unknown[]>('imports', cls) ?? []), ...(dyn?.imports ?? [])]) walk(i as DynamicModule | Type);
  };
  walk(root);
  const routes: RouteEntry[] = [];
  for (const controller of controllers) {
    const base = normalise(meta<string | string[]>('path', controller));
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const fn = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof fn !== 'function') continue;
      const methodIndex = meta<number>('method', fn);
      if (methodIndex === undefined || meta('path', fn) === undefined) continue;
      const path = `/${[base, normalise(meta<string | string[]>('path', fn))].filter(Boolean).join('/')}`;
      const isPublic = meta<boolean>(PUBLIC_ROUTE, fn) ?? meta<boolean>(PUBLIC_ROUTE, controller);
      const rule = meta<AccessRule>(ACCESS_RULE, fn) ?? meta<AccessRule>(ACCESS_RULE, controller);
      const signInStep = meta<SignInStep>(SIGN_IN_STEP_ROUTE, fn) ?? meta<SignInStep>(SIGN_IN_STEP_ROUTE, controller);
      routes.push({
        method: METHODS[methodIndex],
        path,
        controller: controller.name,
        handler: name,
        type: controller,
        rule: isPublic ? 'public' : (rule ?? null),
        ...(signInStep ? { signInStep } : {}),
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function normalise(path: string | string[] | undefined): string {
  const p = Array.isArray(path) ? path[0] : path;
  return (p ?? '').replace(/^\/+|\/+$/g, '');
}
