import type { DynamicModule, Type } from '@nestjs/common';
import { ACCESS_RULE, PUBLIC_ROUTE, type AccessRule } from './access.decorator.js';

export interface RouteEntry {
  method: string;
  path: string;
  controller: string;
  handler: string;
  rule: AccessRule | 'public' | null;
}

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
    for (const c of [...(Reflect.getMetadata('controllers', cls) ?? []), ...(dyn?.controllers ?? [])]) controllers.add(c);
    for (const i of [...(Reflect.getMetadata('imports', cls) ?? []), ...(dyn?.imports ?? [])]) walk(i as DynamicModule | Type);
  };
  walk(root);
  const routes: RouteEntry[] = [];
  for (const controller of controllers) {
    const base = normalise(Reflect.getMetadata('path', controller));
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const fn = controller.prototype[name];
      if (name === 'constructor' || typeof fn !== 'function') continue;
      const methodIndex = Reflect.getMetadata('method', fn);
      if (methodIndex === undefined || Reflect.getMetadata('path', fn) === undefined) continue;
      const path = `/${[base, normalise(Reflect.getMetadata('path', fn))].filter(Boolean).join('/')}`;
      const isPublic = Reflect.getMetadata(PUBLIC_ROUTE, fn) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller);
      const rule: AccessRule | undefined = Reflect.getMetadata(ACCESS_RULE, fn) ?? Reflect.getMetadata(ACCESS_RULE, controller);
      routes.push({
        method: METHODS[methodIndex],
        path,
        controller: controller.name,
        handler: name,
        rule: isPublic ? 'public' : (rule ?? null),
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function normalise(path: string | string[] | undefined): string {
  const p = Array.isArray(path) ? path[0] : path;
  return (p ?? '').replace(/^\/+|\/+$/g, '');
}
