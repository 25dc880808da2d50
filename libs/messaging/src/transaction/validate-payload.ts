import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { missingNestedObjects, type PayloadClass } from '@rujukan/contracts';

/** `field: constraint` lines, nested paths joined with dots. */
export function formatValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...formatValidationErrors(e.children ?? [], path)];
  });
}

/**
 * Validates a payload against its contract class. Producers are strict (a
 * field outside the contract is an error: minimum necessary data); consumers
 * ignore unknown fields, which a newer producer may add.
 */
export async function validatePayload<P extends object>(
  cls: PayloadClass<P>,
  plain: unknown,
  mode: 'produce' | 'consume',
): Promise<{ value: P; errors: string[] }> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { value: undefined as unknown as P, errors: ['payload: must be an object'] };
  }
  const value = plainToInstance(cls, plain, { exposeDefaultValues: false });
  const errors = await validate(value, {
    whitelist: true,
    forbidNonWhitelisted: mode === 'produce',
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  // class-validator passes an absent @ValidateNested() object; the handler would then fail on it forever.
  return { value, errors: formatValidationErrors([...errors, ...missingNestedObjects(value)]) };
}
