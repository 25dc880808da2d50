import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function collect(errors: ValidationError[], parent: string, into: Record<string, string[]>): Record<string, string[]> {
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) into[path] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, path, into);
  }
  return into;
}

/** The one shape of a 400 with field errors: `{ message, fields: { "victims.0.sex": [...] } }`. */
export function fieldErrorsException(fields: Record<string, string[]>): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields });
}

/**
 * Request validation for every node: unknown fields are refused, and a 400
 * lists the errors per field: `{ message, fields: { "victims.0.sex": [...] } }`.
 */
export function nodeValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => fieldErrorsException(collect(errors, '', {})),
  });
}
