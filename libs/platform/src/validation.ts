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
  const kinds = Object.entries(constraints).filter(([rule]) => /^is[A-Z]/.test(rule));
  return (kinds.length ? kinds : Object.entries(constraints)).map(([, message]) => message);
}

function collect(errors: ValidationError[], parent: string, into: Record<string, string[]>): Record<string, string[]> {
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) into[path] = [...(into[path] ?? []), ...brokenRules(e.constraints)];
    if (e.children?.length) collect(e.children, path, into);
  }
  return into;
}

/** The one shape of a 400 with field errors: `{ message, fields: { "victims.0.sex": [...] } }`. */
export function fieldErrorsException(fields: Record<string, string[]>): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields });
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
 * nested object is named, and a 400 lists the errors per field:
 * `{ message, fields: { "victims.0.sex": [...] } }`.
 */
export function nodeValidationPipe(): ValidationPipe {
  return new NodeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => fieldErrorsException(collect(errors, '', {})),
  });
}
