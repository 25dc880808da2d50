import type { Schema } from './api-types.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The bodies of the nodes' refusals: Nest's error shape, and the 400 with its errors per field. */
export const ERROR_SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    description: "A refusal: Nest's error body. `message` says why, in English, and never repeats what was sent.",
    properties: {
      statusCode: { type: 'integer', example: 404 },
      message: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: 'no case 2b1c…' },
      error: { type: 'string', example: 'Not Found' },
    },
    required: ['statusCode', 'message'],
  },
  ValidationError: {
    type: 'object',
    description:
      'Bad input: `fields` names each field that is wrong (a dotted path into the body, e.g. `victims.0.sex`) with what is wrong with it (in English) and `rules` the code of each rule it broke; ' +
      'a body that is not JSON, not UTF-8 or nested too deeply is named `body`. A malformed path parameter gets the same 400 without `fields`.',
    properties: {
      statusCode: { type: 'integer', enum: [400] },
      error: { type: 'string', example: 'Bad Request' },
      message: { type: 'string', example: 'Validation failed' },
      fields: {
        type: 'object',
        additionalProperties: { type: 'array', items: { type: 'string' } },
        example: {
          'victims.0.sex': ['sex must be one of the following values: female, male'],
          incident: ['incident should not be null or undefined'],
        },
      },
      rules: {
        type: 'object',
        description:
          'The same fields as `fields`, each with the code of every rule it broke, for a client to word in its own language: ' +
          "class-validator's constraint name (`isIn`, `isString`, `maxLength`, `matches`, `isDefined`, `whitelistValidation`...), " +
          'or `invalid` for a check the node makes itself (a NIK that disagrees with the birth date; `fields` says which).',
        additionalProperties: { type: 'array', items: { type: 'string' } },
        example: { 'victims.0.sex': ['isIn'], incident: ['isDefined'] },
      },
    },
    required: ['statusCode', 'message'],
  },
  TooManyAttempts: {
    type: 'object',
    description: 'Too many attempts (failed sign-ins, or look-ups against the register): wait `retryAfterSeconds` before the next try.',
    properties: {
      statusCode: { type: 'integer', enum: [429] },
      message: { type: 'string', example: 'too many failed sign-ins: wait and try again' },
      retryAfterSeconds: { type: 'integer', minimum: 1, example: 2 },
    },
    required: ['statusCode', 'message', 'retryAfterSeconds'],
  },
};

const WHY: Record<number, string> = {
  400: 'Bad input: the errors per field',
  401: 'No valid token: sign in first (Authorization: Bearer <token>)',
  403: 'This role may not call this route, or the record is not assigned to or shared with this case worker',
  404: 'No such record',
  409: "Conflicts with the record's state, or a request with the same Idempotency-Key is still running (retry after Retry-After)",
  413: 'The body is larger than the limit',
  422: 'The Idempotency-Key was used before for a different request',
  423: 'The account is locked after repeated failed sign-ins: an agency administrator unlocks it',
  429: 'Too many failed sign-ins: wait before the next try',
  503: 'A service this route needs is not available now: try again later',
};

/** The documented answer for one refusal status: `thrown` when the route's own code gives it, `idempotent` when Idempotency-Key can. */
export function errorResponse(
  status: number,
  how: { idempotent: boolean; thrown: boolean; isPublic: boolean; lookup?: boolean },
): { description: string; content: Record<string, { schema: Schema }> } {
  const description =
    status === 409 && !how.idempotent
      ? "Conflicts with the record's state"
      : status === 409 && !how.thrown
        ? 'A request with the same Idempotency-Key is still running (retry after Retry-After), or took effect without its answer kept'
        : status === 401 && how.isPublic
          ? 'Wrong username or password'
          : status === 429 && how.lookup
            ? 'Too many look-ups against the register by this staff member (REGISTER_LOOKUPS per REGISTER_LOOKUP_WINDOW_SECONDS): nothing was saved; try again after Retry-After'
            : (WHY[status] ?? 'Refused');
  const schema = status === 400 ? ref('ValidationError') : status === 429 ? ref('TooManyAttempts') : ref('Error');
  return { description, content: { 'application/json': { schema } } };
}
