import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Schema = Record<string, unknown>;

/** One route handler, as scripts/build-openapi-types.ts read it from the TypeScript types. */
export interface TypedOperation {
  /** Its 2xx answer; null when it answers nothing (204) or writes the response itself. */
  schema: Schema | null;
  /** Statuses of the HTTP exceptions its code throws. */
  throws: number[];
  /** Its doc comment. */
  summary?: string;
}

export interface ApiTypes {
  schemas: Record<string, Schema>;
  groups: Record<string, { operations: Record<string, TypedOperation>; descriptions: Record<string, string> }>;
}

/** Where `npm run build` writes the types (dist/openapi/types.json): beside the compiled libs, or under the checkout. */
export function apiTypesFile(env: Record<string, string | undefined> = process.env): string {
  if (env.OPENAPI_TYPES_FILE) return env.OPENAPI_TYPES_FILE;
  const besides = fileURLToPath(new URL('../../../../openapi/types.json', import.meta.url));
  return existsSync(besides) ? besides : join(process.cwd(), 'dist/openapi/types.json');
}

/** The types of one node's routes: its own and the libraries'. Without a build, none (the document then lacks its answers). */
export function readApiTypes(
  role: string,
  file = apiTypesFile(),
): {
  schemas: Record<string, Schema>;
  operation(controller: string, handler: string): TypedOperation | undefined;
  description(className: string, property: string): string | undefined;
} {
  const types: ApiTypes = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ApiTypes) : { schemas: {}, groups: {} };
  const groups = [types.groups[role], types.groups.libs].filter((g) => g !== undefined);
  return {
    schemas: types.schemas,
    operation: (controller, handler) => groups.map((g) => g.operations[`${controller}.${handler}`]).find(Boolean),
    description: (className, property) => groups.map((g) => g.descriptions[`${className}.${property}`]).find(Boolean),
  };
}
