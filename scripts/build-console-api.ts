import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The console's typed API client (libs/console/src/api/<role>.schema.ts),
 * generated from the node's committed OpenAPI document (docs/api): the
 * `paths` and `components` types openapi-fetch reads, in the shape
 * openapi-typescript writes. Part of `npm run build` and `npm run openapi`,
 * before the console is type-checked: a changed route or body breaks the
 * console's build instead of its page. (openapi-typescript itself asks for
 * TypeScript 5; this repository is on 6.)
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  description?: string;
};
type Operation = {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

function typeOf(s: Schema | undefined, indent: string): string {
  if (!s) return 'unknown';
  let t: string;
  if (s.$ref) t = `components["schemas"][${JSON.stringify(s.$ref.split('/').pop())}]`;
  else if (s.allOf) t = s.allOf.map((x) => typeOf(x, indent)).join(' & ');
  else if (s.oneOf || s.anyOf) t = (s.oneOf ?? s.anyOf)!.map((x) => typeOf(x, indent)).join(' | ');
  else if (s.enum) t = s.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (Array.isArray(s.type)) t = s.type.map((x) => typeOf({ ...s, type: x }, indent)).join(' | ');
  else if (s.type === 'array') t = `(${typeOf(s.items, indent)})[]`;
  else if (s.type === 'object' || s.properties) t = objectOf(s, indent);
  else if (s.type === 'string') t = 'string';
  else if (s.type === 'integer' || s.type === 'number') t = 'number';
  else if (s.type === 'boolean') t = 'boolean';
  else if (s.type === 'null') t = 'null';
  else t = 'unknown';
  return s.nullable ? `${t} | null` : t;
}

function objectOf(s: Schema, indent: string): string {
  const inner = `${indent}  `;
  const props = Object.entries(s.properties ?? {}).map(
    ([name, p]) => `${inner}${key(name)}${(s.required ?? []).includes(name) ? '' : '?'}: ${typeOf(p, inner)};`,
  );
  if (s.additionalProperties)
    props.push(`${inner}[key: string]: ${s.additionalProperties === true ? 'unknown' : typeOf(s.additionalProperties, inner)};`);
  if (!props.length) return 'Record<string, unknown>';
  return `{\n${props.join('\n')}\n${indent}}`;
}

function parametersOf(op: Operation | undefined, indent: string): string {
  const groups = ['query', 'header', 'path', 'cookie'].map((where) => {
    const ps = (op?.parameters ?? []).filter((p) => p.in === where);
    if (!ps.length) return `${indent}  ${where}?: never;`;
    const inner = `${indent}    `;
    const fields = ps.map((p) => `${inner}${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema, inner)};`);
    return `${indent}  ${where}${ps.some((p) => p.required) ? '' : '?'}: {\n${fields.join('\n')}\n${indent}  };`;
  });
  return `{\n${groups.join('\n')}\n${indent}}`;
}

function operationOf(op: Operation, indent: string): string {
  const inner = `${indent}  `;
  const lines = [`${inner}parameters: ${parametersOf(op, inner)};`];
  if (op.requestBody) {
    const content = Object.entries(op.requestBody.content).map(
      ([media, c]) => `${inner}    ${JSON.stringify(media)}: ${typeOf(c.schema, `${inner}    `)};`,
    );
    lines.push(
      `${inner}requestBody${op.requestBody.required ? '' : '?'}: {\n${inner}  content: {\n${content.join('\n')}\n${inner}  };\n${inner}};`,
    );
  } else lines.push(`${inner}requestBody?: never;`);
  const responses = Object.entries(op.responses).map(([status, r]) => {
    const content = Object.entries(r.content ?? {}).map(
      ([media, c]) => `${inner}      ${JSON.stringify(media)}: ${typeOf(c.schema, `${inner}      `)};`,
    );
    const body = content.length ? `{\n${content.join('\n')}\n${inner}    }` : 'never';
    return `${inner}  ${status}: {\n${inner}    headers: { [name: string]: unknown };\n${inner}    content: ${body};\n${inner}  };`;
  });
  lines.push(`${inner}responses: {\n${responses.join('\n')}\n${inner}};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The TypeScript module for one node's OpenAPI document. */
export function consoleApiTypes(doc: Document, source: string): string {
  const paths = Object.entries(doc.paths).map(([path, item]) => {
    const methods = METHODS.map((m) => (item[m] ? `    ${m}: ${operationOf(item[m], '    ')};` : `    ${m}?: never;`));
    return `  ${JSON.stringify(path)}: {\n    parameters: ${parametersOf(undefined, '    ')};\n${methods.join('\n')}\n  };`;
  });
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => `    ${key(name)}: ${typeOf(s, '    ')};`);
  return [
    `// Generated by scripts/build-console-api.ts from ${source}: do not edit (npm run build writes it again).`,
    `export interface paths {\n${paths.join('\n')}\n}`,
    `export interface components {\n  schemas: {\n${schemas.join('\n')}\n  };\n}`,
    '',
  ].join('\n');
}

/** The roles with console pages, each with its node's document. */
export const CONSOLE_ROLES = ['intake', 'shelter', 'health', 'legal-aid', 'rehabilitation', 'reintegration', 'reporting'] as const;

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const role of CONSOLE_ROLES) {
    const source = `docs/api/${role}.openapi.json`;
    const target = `libs/console/src/api/${role}.schema.ts`;
    const text = consoleApiTypes(JSON.parse(readFileSync(source, 'utf8')) as Document, source);
    let before = '';
    try {
      before = readFileSync(target, 'utf8');
    } catch {
      // first build
    }
    if (before !== text) writeFileSync(target, text);
  }
}
