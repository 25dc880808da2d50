import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { ValidationError, type ValidatorOptions } from 'class-validator';
import { missingNestedObjects } from '@rujukan/contracts';

/**
 * The rules a field broke, one message each. class-validator also reports a
 * field's size and range rules when its value is missing or of the wrong
 * kind (a number given for a text: "must be a string", "must be longer
 * than", "must be shorter than"); only the kind rules (`isString`, `isInt`,
 * `isIn`...) are broken then, so only they are listed.
 */
export function brokenRules(constraints: Record<string, string>): string[] {
  return kindRulesFirst(constraints).map(([, message]) => message);
}

/** The rules `brokenRules` lists, as [class-validator's constraint name, its message]. */
function kindRulesFirst(constraints: Record<string, string>): Array<[string, string]> {
  const kinds = Object.entries(constraints).filter(([rule]) => /^is[A-Z]/.test(rule));
  return kinds.length ? kinds : Object.entries(constraints);
}

/** A field's errors, and the code of each rule it broke (`rules`, for a client to word in its own language). */
interface FieldErrors {
  fields: Record<string, string[]>;
  rules: Record<string, string[]>;
}

function collect(errors: ValidationError[], parent: string, into: FieldErrors): FieldErrors {
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      const broken = kindRulesFirst(e.constraints);
      into.fields[path] = [...(into.fields[path] ?? []), ...broken.map(([, message]) => message)];
      into.rules[path] = [...(into.rules[path] ?? []), ...broken.map(([rule]) => rule)];
    }
    if (e.children?.length) collect(e.children, path, into);
  }
  return into;
}

/** The rule code of a field error a node finds itself (a NIK that disagrees with the birth date), when it names none. */
export const INVALID_RULE = 'invalid';

/**
 * The one shape of a 400 with field errors:
 * `{ message, fields: { "victims.0.sex": [...] }, rules: { "victims.0.sex": ["isIn"] } }`.
 * `rules` has the same fields, each with the code of every rule it broke:
 * class-validator's constraint name, or `invalid` for a check of the node's own.
 */
export function fieldErrorsException(fields: Record<string, string[]>, rules?: Record<string, string[]>): BadRequestException {
  const codes = Object.fromEntries(Object.keys(fields).map((path) => [path, rules?.[path]?.length ? rules[path] : [INVALID_RULE]]));
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields, rules: codes });
}

/** ValidationPipe that also refuses a missing required nested object (see `missingNestedObjects`). */
class NodeValidationPipe extends ValidationPipe {
  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    return [...errors, ...missingNestedObjects(object)];
  }
}

/**
 * Request validation for every node: unknown fields are refused, a missing
 * nested object is named, and a 400 lists the errors per field and the rule
 * each broke: `{ message, fields: { "victims.0.sex": [...] }, rules: { "victims.0.sex": ["isIn"] } }`.
 */
export function nodeValidationPipe(): ValidationPipe {
  return new NodeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const { fields, rules } = collect(errors, '', { fields: {}, rules: {} });
      return fieldErrorsException(fields, rules);
    },
  });
}
