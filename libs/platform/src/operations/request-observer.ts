import type { NextFunction, Request, Response } from 'express';
import { runWithCorrelation } from '@rujukan/messaging';
import type { NodeLogger } from '../node-logger.js';
import type { NodeMetrics } from './node-metrics.js';

/**
 * One log line and one metric per HTTP request, when its answer has gone:
 * method, route pattern (`/cases/:id`, never the path itself: a path or
 * query can carry a search term), status and duration. No body, no query,
 * no header but the correlation id. Probes and scrapes are counted but not
 * logged: a prober asks every few seconds.
 */
export function requestObserver(logger: NodeLogger, metrics: NodeMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routePattern(req);
      metrics.observeRequest(req.method, route, res.statusCode, seconds);
      if (route === '/metrics' || route.startsWith('/health')) return;
      const corr = res.getHeader('X-Correlation-Id');
      const line = () =>
        logger.entry(
          res.statusCode >= 500 ? 'warn' : 'log',
          { method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 10000) / 10 },
          'request',
          'Http',
        );
      if (typeof corr === 'string') runWithCorrelation(corr, line);
      else line();
    });
    next();
  };
}

/** The route as declared (`/cases/:id`), or `unmatched` for a path no route serves. */
function routePattern(req: Request): string {
  const route = (req as unknown as { route?: { path?: unknown } }).route;
  const path = route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
}
