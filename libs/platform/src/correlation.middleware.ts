import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runWithCorrelation } from '@rujukan/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Gives each request a correlation id (the caller's `X-Correlation-Id` if it is a UUID). */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  const id = given && UUID.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', id);
  runWithCorrelation(id, next);
}
