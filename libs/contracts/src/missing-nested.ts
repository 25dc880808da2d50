import { getMetadataStorage, ValidationError, ValidationTypes } from 'class-validator';

/** Metadata types that do not check a missing value themselves. */
const SILENT_ON_UNDEFINED = new Set([ValidationTypes.NESTED_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST]);

/**
 * Errors for nested objects that are required but absent. class-validator
 * skips `@ValidateNested()` on an undefined value, so a DTO whose nested
 * property has no other rule (`consent`, `incident`) let a body without it
 * through to the service. A property counts as optional when a conditional
 * (`@IsOptional()`, `@ValidateIf()`) says so; one with another rule
 * (`@IsArray()`) reports the absence itself.
 */
export function missingNestedObjects(object: object, seen = new Set<object>()): ValidationError[] {
  if (seen.has(object)) return [];
  seen.add(object);
  const byProperty = new Map<string, Array<{ type: string; constraints: unknown[] }>>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(object.constructor, '', false, false)) {
    byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  }
  const errors: ValidationError[] = [];
  for (const [property, metas] of byProperty) {
    if (!metas.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)) continue;
    const value = (object as Record<string, unknown>)[property];
    const applies = metas
      .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
      .every((m) => (m.constraints[0] as (o: object, v: unknown) => boolean)(object, value));
    if (!applies) continue;
    if (value === undefined) {
      if (metas.every((m) => SILENT_ON_UNDEFINED.has(m.type))) {
        errors.push(
          Object.assign(new ValidationError(), {
            property,
            constraints: { isDefined: `${property} should not be null or undefined` },
            children: [],
          }),
        );
      }
      continue;
    }
    const items = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : [[null, value] as const];
    const children: ValidationError[] = [];
    for (const [index, item] of items) {
      if (!item || typeof item !== 'object') continue;
      const found = missingNestedObjects(item as object, seen);
      if (!found.length) continue;
      if (index === null) children.push(...found);
      else children.push(Object.assign(new ValidationError(), { property: index, children: found }));
    }
    if (children.length) errors.push(Object.assign(new ValidationError(), { property, children }));
  }
  return errors;
}
