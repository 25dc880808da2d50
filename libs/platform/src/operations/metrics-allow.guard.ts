import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { OPERATIONS_SETTINGS, type OperationsSettings } from './operations.settings.js';

/**
 * GET /metrics needs no staff token but only the addresses in METRICS_ALLOW
 * may read it. The socket's own address counts, never X-Forwarded-For: a
 * header is the caller's word.
 */
@Injectable()
export class MetricsAllowGuard implements CanActivate {
  constructor(@Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const address = context.switchToHttp().getRequest<Request>().socket.remoteAddress;
    const family = address?.includes(':') ? 'ipv6' : 'ipv4';
    if (address && this.settings.metricsAllow.check(address, family)) return true;
    throw new ForbiddenException('this address may not read the metrics (METRICS_ALLOW)');
  }
}
