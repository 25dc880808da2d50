import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * What the nodes' OpenAPI documents need from the TypeScript types, which
 * do not exist at run time (the build is plain `tsc`, without the Nest CLI's
 * swagger plugin): each route handler's answer (its return type, awaited, as
 * a JSON schema), the HTTP exceptions it can throw (found by following its
 * calls through the project's own code), and the doc comments of handlers
 * and DTO properties. Part of `npm run build`; writes
 * dist/openapi/types.json, which libs/platform/src/api-docs reads at start.
 */

type Schema = Record<string, unknown>;
interface Operation {
  /** The 2xx answer's schema; null when the handler answers nothing (204) or writes the response itself. */
  schema: Schema | null;
  /** Statuses of the HTTP exceptions the handler's code throws. */
  throws: number[];
  summary?: string;
}
interface NodeTypes {
  operations: Record<string, Operation>;
  descriptions: Record<string, string>;
}

const EXCEPTION_STATUS: Record<string, number> = {
  BadRequestException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  PayloadTooLargeException: 413,
  UnprocessableEntityException: 422,
  ServiceUnavailableException: 503,
};
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const root = process.cwd();
const target = 'dist/openapi/types.json';

/** The newest change to the sources the types come from: nothing newer than the last output, nothing to do. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dashboard') newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
if (
  existsSync(target) &&
  statSync(target).mtimeMs > Math.max(newestSource('apps'), newestSource('libs'), statSync(new URL(import.meta.url)).mtimeMs)
) {
  process.exit(0);
}

const config = ts.getParsedCommandLineOfConfigFile(
  'tsconfig.build.json',
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
)!;
const controllerFiles = config.fileNames.filter((f) => f.endsWith('.controller.ts'));
const program = ts.createProgram(controllerFiles, { ...config.options, noEmit: true });
const checker = program.getTypeChecker();
const ownSource = (file: ts.SourceFile) => !file.isDeclarationFile && !relative(root, file.fileName).startsWith('node_modules');

/** `apps/<node>/…` belongs to that node; `libs/…` to every node. */
function groupOf(file: string): string | undefined {
  const [top, name] = relative(root, file).split(sep);
  return top === 'apps' ? name : top === 'libs' ? 'libs' : undefined;
}

const decoratorName = (d: ts.Decorator) => {
  const e = d.expression;
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) ? e.expression.text : undefined;
};
const docOf = (symbol: ts.Symbol | undefined) =>
  symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() || undefined : undefined;

class SchemaWriter {
  readonly schemas: Record<string, Schema> = {};
  private readonly named = new Map<ts.Type, string>();

  of(type: ts.Type, depth = 0): Schema {
    if (depth > 20) return {};
    const flags = type.flags;
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (flags & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [checker.typeToString(type) === 'true'] };
    if (flags & ts.TypeFlags.StringLike) return { type: 'string' };
    if (flags & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (flags & ts.TypeFlags.BigIntLike) return { type: 'string', pattern: '^-?[0-9]+$' };
    if (flags & ts.TypeFlags.Null) return { nullable: true };
    if (type.isUnion()) return this.union(type.types, depth);
    const name = type.getSymbol()?.getName();
    if (name === 'Date') return { type: 'string', format: 'date-time' };
    if (name === 'Buffer' || name === 'Uint8Array' || name === 'StreamableFile' || name === 'Readable')
      return { type: 'string', format: 'binary' };
    if (checker.isArrayType(type))
      return { type: 'array', items: this.of(checker.getTypeArguments(type as ts.TypeReference)[0], depth + 1) };
    if (checker.isTupleType(type)) {
      const items = checker.getTypeArguments(type as ts.TypeReference).map((t) => this.of(t, depth + 1));
      return { type: 'array', items: items.length === 1 ? items[0] : { anyOf: items }, minItems: items.length, maxItems: items.length };
    }
    const toJson = type.getProperty('toJSON');
    if (toJson) {
      const signature = checker.getTypeOfSymbol(toJson).getCallSignatures()[0];
      if (signature) return this.of(checker.getReturnTypeOfSignature(signature), depth + 1);
    }
    if (flags & ts.TypeFlags.Object || type.isIntersection()) return this.object(type, depth);
    return {};
  }

  private union(types: ts.Type[], depth: number): Schema {
    const nullable = types.some((t) => t.flags & ts.TypeFlags.Null);
    const rest = types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const extra = nullable ? { nullable: true } : {};
    if (rest.length && rest.every((t) => t.flags & ts.TypeFlags.BooleanLiteral))
      return rest.length === 2 ? { type: 'boolean', ...extra } : { ...this.of(rest[0], depth), ...extra };
    if (rest.length && rest.every((t) => t.flags & ts.TypeFlags.StringLiteral))
      return { type: 'string', enum: rest.map((t) => (t as ts.StringLiteralType).value), ...extra };
    if (rest.length && rest.every((t) => t.flags & ts.TypeFlags.NumberLiteral))
      return { type: 'number', enum: rest.map((t) => (t as ts.NumberLiteralType).value), ...extra };
    const parts = rest.map((t) => this.of(t, depth + 1));
    const unique = parts.filter((p, i) => parts.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i);
    if (unique.length === 1) return { ...unique[0], ...extra };
    if (!unique.length) return extra;
    return { anyOf: unique, ...extra };
  }

  /** A class or interface becomes a named component; an anonymous object type is written in place. */
  private object(type: ts.Type, depth: number): Schema {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const isNamed =
      !!symbol &&
      !!(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) &&
      !(type as ts.TypeReference).typeArguments?.length &&
      !type.aliasTypeArguments?.length &&
      !symbol.getName().startsWith('__');
    if (!isNamed) return this.inline(type, depth);
    const known = this.named.get(type);
    if (known) return { $ref: `#/components/schemas/${known}` };
    let name = symbol.getName();
    for (let n = 2; this.schemas[name]; n++) name = `${symbol.getName()}${n}`;
    this.named.set(type, name);
    this.schemas[name] = {};
    this.schemas[name] = { ...this.inline(type, depth), ...(docOf(symbol) ? { description: docOf(symbol) } : {}) };
    return { $ref: `#/components/schemas/${name}` };
  }

  private inline(type: ts.Type, depth: number): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) || ts.isGetAccessor(declaration))
        continue;
      if (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Static)) continue;
      const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
      if (propertyType.getCallSignatures().length) continue;
      const schema = this.of(propertyType, depth + 1);
      const description = docOf(property);
      properties[property.getName()] = description && !schema.$ref ? { ...schema, description } : schema;
      const optional =
        property.flags & ts.SymbolFlags.Optional ||
        (propertyType.isUnion() && propertyType.types.some((t) => t.flags & ts.TypeFlags.Undefined));
      if (!optional) required.push(property.getName());
    }
    const index = checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    return {
      type: 'object',
      ...(Object.keys(properties).length ? { properties } : {}),
      ...(required.length ? { required } : {}),
      ...(index ? { additionalProperties: this.of(index.type, depth + 1) } : {}),
    };
  }
}

/** A status given as a number or an enum member (HttpStatus.LOCKED): its value, from its literal type. */
const constant = (e: ts.PropertyAccessExpression | ts.NumericLiteral) => {
  const type = checker.getTypeAtLocation(e);
  return type.isNumberLiteral() ? type.value : undefined;
};

/** Statuses of the HTTP exceptions created in `node`, following calls into the project's own functions. */
function thrownStatuses(start: ts.Node): number[] {
  const found = new Set<number>();
  const visited = new Set<ts.Node>();
  const visit = (node: ts.Node, depth: number): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const status = EXCEPTION_STATUS[node.expression.text];
      if (status) found.add(status);
      // new HttpException(body, HttpStatus.LOCKED): the status when it is a constant.
      const given = node.expression.text === 'HttpException' && node.arguments?.[1];
      const value = given && (ts.isPropertyAccessExpression(given) || ts.isNumericLiteral(given)) ? constant(given) : undefined;
      if (typeof value === 'number') found.add(value);
    }
    if (ts.isCallExpression(node) && depth < 12) {
      const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression);
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      for (const declaration of target?.declarations ?? []) {
        if (visited.has(declaration) || !ownSource(declaration.getSourceFile())) continue;
        visited.add(declaration);
        if (ts.isFunctionLike(declaration) || ts.isVariableDeclaration(declaration)) visit(declaration, depth + 1);
      }
    }
    ts.forEachChild(node, (child) => visit(child, depth));
  };
  visit(start, 0);
  return [...found].sort();
}

const groups: Record<string, NodeTypes> = {};
const writer = new SchemaWriter();
for (const file of program.getSourceFiles().filter(ownSource)) {
  const group = groupOf(file.fileName);
  if (!group) continue;
  const types = (groups[group] ??= { operations: {}, descriptions: {} });
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) && node.name) {
      const className = node.name.text;
      const isController = ts.getDecorators(node)?.some((d) => decoratorName(d) === 'Controller');
      for (const member of node.members) {
        if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) {
          const doc = docOf(checker.getSymbolAtLocation(member.name));
          if (doc) types.descriptions[`${className}.${member.name.text}`] = doc;
        }
        if (!isController || !ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        if (!ts.getDecorators(member)?.some((d) => ROUTE_DECORATORS.has(decoratorName(d) ?? ''))) continue;
        const signature = checker.getSignatureFromDeclaration(member)!;
        const answer = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature)) ?? checker.getReturnTypeOfSignature(signature);
        const empty = answer.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined);
        types.operations[`${className}.${member.name.text}`] = {
          schema: empty ? null : writer.of(answer),
          throws: thrownStatuses(member),
          ...(docOf(checker.getSymbolAtLocation(member.name)) ? { summary: docOf(checker.getSymbolAtLocation(member.name)) } : {}),
        };
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify({ schemas: writer.schemas, groups }, null, 1)}\n`);
