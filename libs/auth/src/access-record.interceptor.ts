import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AccessRecord } from './access-record.entity.js';
import type { AuthorizedRequest } from './auth.guard.js';

/** Writes the access record of every allowed call, after it answered (ok or failed). */
@Injectable()
export class AccessRecordInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthorizedRequest>();
    if (!req.access || !req.principal) return next.handle();
    const write = (outcome: string, resourceId?: string | null) =>
      this.dataSource.getRepository(AccessRecord).insert({
        staffId: req.principal!.staffId,
        role: req.principal!.role,
        action: req.access!.rule.action,
        resource: req.access!.rule.resource,
        resourceId: resourceId ?? req.access!.resourceId,
        route: `${req.method} ${req.route?.path ?? ''}`,
        fromAddress: req.ip ?? null,
        notOwner: req.access!.notOwner,
        outcome,
      });
    return next.handle().pipe(
      // A write that creates a record: log the new record's id.
      mergeMap((value) => from(write('allowed', req.access!.resourceId ?? createdId(value)).then(() => value))),
      catchError((err) => from(write('failed')).pipe(mergeMap(() => throwError(() => err)))),
    );
  }
}

function createdId(value: unknown): string | null {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}
