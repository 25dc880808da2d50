import { createRequire } from 'node:module';
import { ApiProperty, DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** class-transformer's record of `@Type(() => X)`, which says what a nested array holds. */
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: { findTypeMetadata(target: Function, property: string): { typeFunction: () => unknown } | undefined };
};

type Options = Record<string, unknown>;

/** What one class-validator rule says about a value, in OpenAPI terms (unknown rules say nothing). */
function constraint(m: ValidationMetadata): Options {
  const [first] = (m.constraints ?? []) as unknown[];
  switch (m.name) {
    case 'isString':
      return { type: 'string' };
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isIso8601':
      return { type: 'string', format: 'date-time' };
    case 'isDateString':
      return { type: 'string', format: 'date-time' };
    case 'matches':
      return { type: 'string', pattern: first instanceof RegExp ? first.source : String(first) };
    case 'maxLength':
      return { type: 'string', maxLength: first };
    case 'minLength':
      return { type: 'string', minLength: first };
    case 'length':
      return { type: 'string', minLength: first, maxLength: (m.constraints as unknown[])[1] };
    case 'isIn':
      return { enum: [...(first as unknown[])] };
    case 'isEnum':
      return { enum: Object.values(first as object) };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isBooleanString':
      return { type: 'string', enum: ['true', 'false'] };
    case 'isNumberString':
      return { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };
    case 'isObject':
      return { type: 'object' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isUrl':
      return { type: 'string', format: 'uri' };
    default:
      return {};
  }
}

const DATE_ONLY = '^\\d{4}-\\d{2}-\\d{2}$';

const ARRAY_RULES: Record<string, (m: ValidationMetadata) => Options> = {
  isArray: () => ({}),
  arrayMinSize: (m) => ({ minItems: m.constraints[0] }),
  arrayMaxSize: (m) => ({ maxItems: m.constraints[0] }),
  arrayUnique: () => ({ uniqueItems: true }),
  arrayNotEmpty: () => ({ minItems: 1 }),
};

const DESIGN_TYPES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Object, 'object'],
]);

/** The classes a property's nested rule points to (`@ValidateNested()` with `@Type(() => X)`, or its declared class). */
function nestedClass(target: Function, property: string): Function | undefined {
  const declared =
    defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction() ??
    (Reflect.getMetadata('design:type', target.prototype as object, property) as unknown);
  return typeof declared === 'function' && !DESIGN_TYPES.has(declared) && declared !== Array ? declared : undefined;
}

/**
 * Describes request DTOs to @nestjs/swagger from their class-validator
 * rules, so no DTO needs `@ApiProperty` for the documents to be right: each
 * property gets its type, allowed values, lengths, pattern, bounds, array
 * sizes, whether it is required, and the description `descriptionOf` finds
 * (its doc comment). Nested DTOs are described in turn. A property's own
 * `@ApiProperty(…)` (an example, say) is kept, over what is derived here.
 */
export function describeDtos(classes: Iterable<Function>, descriptionOf: (target: Function, property: string) => string | undefined): void {
  const done = new Set<Function>();
  const pending = [...classes];
  while (pending.length) {
    const target = pending.pop()!;
    if (done.has(target)) continue;
    done.add(target);
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
      byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    }
    for (const [property, rules] of byProperty) {
      const nested = rules.some((m) => m.type === 'nestedValidation') ? nestedClass(target, property) : undefined;
      if (nested) pending.push(nested);
      const options = propertyOptions(target, property, rules, nested);
      const description = descriptionOf(target, property);
      if (description) options.description = description;
      const prototype = target.prototype as object;
      const own = { ...(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) as Options | undefined) };
      // `@ApiProperty({ example })` alone fills in the declared type (String, Object, Array): the rules say it better.
      if (DESIGN_TYPES.has(own.type) || own.type === Array) delete own.type;
      if (own.isArray === false) delete own.isArray;
      ApiProperty({ ...options, ...own })(prototype, property);
    }
  }
}

function propertyOptions(target: Function, property: string, rules: ValidationMetadata[], nested: Function | undefined): Options {
  const optional = rules.some((m) => m.type === 'conditionalValidation');
  const isArray = rules.some((m) => m.name === 'isArray' || (m.type === 'nestedValidation' && m.each) || ARRAY_RULES[m.name ?? '']);
  const value: Options = {};
  const array: Options = {};
  for (const m of rules) {
    if (m.type !== 'customValidation') continue;
    if (isArray && !m.each && ARRAY_RULES[m.name ?? '']) Object.assign(array, ARRAY_RULES[m.name!](m));
    else Object.assign(value, constraint(m));
  }
  // A date written YYYY-MM-DD is a date, not a date-time.
  if (value.pattern === DATE_ONLY) value.format = 'date';
  if (value.enum && !value.type) {
    const kinds = new Set((value.enum as unknown[]).map((v) => typeof v));
    if (kinds.size === 1) value.type = kinds.has('number') ? 'number' : [...kinds][0];
  }
  if (!value.type && !nested) {
    const declared = DESIGN_TYPES.get(Reflect.getMetadata('design:type', target.prototype as object, property));
    if (declared) value.type = declared;
  }
  const required = !optional;
  if (nested) return isArray ? { type: () => nested, isArray: true, required, ...array } : { type: () => nested, required };
  if (isArray) return { type: 'array', items: value, required, ...array };
  return { ...value, required };
}
