import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_MAX_JSON_DEPTH, jsonNestsDeeperThan, prototypeKeyPaths } from '@rujukan/messaging';
import { fieldErrorsException } from './validation.js';

/** Bounds on a JSON request body: nesting (the validation pipe copies bodies recursively) and size. */
export const HTTP_BODY_LIMITS = { maxDepth: DEFAULT_MAX_JSON_DEPTH, maxBytes: '100kb' } as const;

/** A body refused before parsing; turned into the field-error 400 below. */
class BodyRefused extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'BodyRefused';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Runs on the raw bytes before they are parsed: body-parser would replace invalid UTF-8 with U+FFFD and store it. */
function verifyJsonBody(_req: IncomingMessage, _res: ServerResponse, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') throw new BodyRefused('body must be UTF-8');
  try {
    utf8.decode(body);
  } catch {
    throw new BodyRefused('body is not valid UTF-8');
  }
  if (jsonNestsDeeperThan(body, HTTP_BODY_LIMITS.maxDepth))
    throw new BodyRefused(`body nests deeper than ${HTTP_BODY_LIMITS.maxDepth} levels`);
}

type Next = (err?: unknown) => void;

/**
 * The JSON body parser of every node, with its refusals in the nodes' one
 * 400 shape (`fields`), never echoing the body: a parse error's own message
 * quotes the text it choked on. Keys that reach a prototype (`__proto__`,
 * `constructor`, `prototype`) are refused like any unknown field; Nest's
 * validation pipe would drop them silently. Call before the app initialises,
 * so Nest does not add its default JSON parser.
 */
export function useJsonBody(app: NestExpressApplication): void {
  // Nest's options type leaves out `verify` because its `rawBody` option sets it; no node uses rawBody.
  const options = { limit: HTTP_BODY_LIMITS.maxBytes, verify: verifyJsonBody };
  app.useBodyParser('json', options);
  app.use((err: unknown, _req: IncomingMessage, _res: ServerResponse, next: Next) => {
    if (err instanceof BodyRefused) return next(fieldErrorsException({ body: [err.problem] }));
    if ((err as { type?: string } | null)?.type === 'entity.parse.failed')
      return next(fieldErrorsException({ body: ['body is not valid JSON'] }));
    next(err);
  });
  app.use((req: IncomingMessage & { body?: unknown }, _res: ServerResponse, next: Next) => {
    const paths = req.body && typeof req.body === 'object' ? prototypeKeyPaths(req.body) : [];
    if (!paths.length) return next();
    const property = (path: string) => path.slice(path.lastIndexOf('.') + 1);
    next(
      fieldErrorsException(
        Object.fromEntries(paths.map((p) => [p, [`property ${property(p)} should not exist`]])),
        Object.fromEntries(paths.map((p) => [p, ['whitelistValidation']])), // as the validation pipe names an unknown field
      ),
    );
  });
}
