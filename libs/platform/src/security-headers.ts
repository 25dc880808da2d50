import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The API answers JSON only: nothing may load, frame or submit from its
 * answers. A page served by a node (the reporting dashboard, API docs) sets
 * its own policy, which replaces this one: a handler by setting the header
 * itself, a mounted middleware with `contentSecurityPolicyFor`.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Security headers on every answer of the node (helmet: nosniff, no
 * framing, no referrer, HSTS behind the TLS proxy, cross-origin isolation of
 * resources), with the API's content policy, and `Cache-Control: no-store`:
 * answers carry case data, which no browser or proxy may keep. A route whose
 * answer may be kept (the dashboard's hashed assets) sets its own.
 */
export function useSecurityHeaders(app: INestApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
}

/** Middleware replacing the content policy for what it is mounted on (`app.use('/docs', contentSecurityPolicyFor(policy))`). */
export function contentSecurityPolicyFor(policy: string): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    next();
  };
}
