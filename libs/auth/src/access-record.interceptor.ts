import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AccessRecord } from './access-record.entity.js';
import type { AuthorizedRequest } from './auth.guard.js';
import { OwnershipRegistry } from './ownership.js';

/**
 * Writes the access record of every allowed call, after it answered (ok or
 * failed). A list is recorded record by record, each marked when it is not
 * the caller's, so the record says which victims' files were seen.
 */
@Injectable()
export class AccessRecordInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ownership: OwnershipRegistry,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthorizedRequest>();
    if (!req.access || !req.principal) return next.handle();
    return next.handle().pipe(
      mergeMap((value) => from(this.write(req, 'allowed', value).then(() => value))),
      catchError((err: unknown) => from(this.write(req, 'failed')).pipe(mergeMap(() => throwError(() => err)))),
    );
  }

  private async write(req: AuthorizedRequest, outcome: string, value?: unknown): Promise<void> {
    const { rule, resourceId, notOwner } = req.access!;
    const p = req.principal!;
    const base = {
      staffId: p.staffId,
      role: p.role,
      action: rule.action,
      resource: rule.resource,
      route: `${req.method} ${req.route?.path ?? ''}`,
      fromAddress: req.ip ?? null,
      outcome,
    };
    const resolve = this.ownership.get(rule.resource);
    // Lists of victims' records (those with an ownership rule) are recorded record by record.
    const listed = outcome === 'allowed' && resolve && !rule.param && Array.isArray(value) ? listedIds(value) : [];
    if (!listed.length) {
      await this.dataSource.getRepository(AccessRecord).insert({ ...base, resourceId: resourceId ?? createdId(value), notOwner });
      return;
    }
    const rows = [];
    for (const id of listed) {
      const whose = p.role !== 'case-worker' ? await resolve!(this.dataSource.manager, id, p) : 'own';
      rows.push({ ...base, resourceId: id, notOwner: whose === 'other' });
    }
    await this.dataSource.getRepository(AccessRecord).insert(rows);
  }
}

function createdId(value: unknown): string | null {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

/** Ids of the records a list returned (`id`, or `referralId` for referral inboxes). */
function listedIds(items: unknown[]): string[] {
  return items
    .map((i) => i as { referralId?: unknown; id?: unknown } | null)
    .map((i) => (typeof i?.referralId === 'string' ? i.referralId : typeof i?.id === 'string' ? i.id : null))
    .filter((id): id is string => id !== null)
    .slice(0, 500);
}
