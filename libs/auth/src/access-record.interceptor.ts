import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { runWithTransactionHooks, type TransactionHooks } from '@rujukan/messaging';
import { AccessRecord } from './access-record.entity.js';
import type { AuthorizedRequest } from './auth.guard.js';
import { OwnershipRegistry } from './ownership.js';

/**
 * Writes the access record of every allowed call.
 *
 * A change is recorded in the transaction that makes it: as the last step of
 * every transaction the handler opens through `UnitOfWork` (just before its
 * commit, so the chain's lock, taken by the insert, is held only for that
 * moment), so a committed change always has its row and a rolled-back one
 * has none. A read, and a change made outside `UnitOfWork`, is recorded
 * after the handler answered and before the answer leaves: if the row cannot
 * be written the caller gets an error, not the data. A call that failed
 * without committing anything is recorded as failed.
 *
 * A list is recorded record by record, each marked when it is not the
 * caller's, so the record says which victims' files were seen.
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
    if (req.access.rule.action === 'read') {
      return next.handle().pipe(
        mergeMap((value) => from(this.write(this.dataSource.manager, req, 'allowed', value).then(() => value))),
        catchError((err: unknown) => from(this.write(this.dataSource.manager, req, 'failed')).pipe(mergeMap(() => throwError(() => err)))),
      );
    }
    let finished = false;
    let committed = false;
    // Transactions started in this request's context after it answered (a relay woken by it) are not its own.
    const hooks: TransactionHooks = {
      beforeCommit: async (manager, result) => {
        if (!finished) await this.write(manager, req, 'allowed', result);
      },
      afterCommit: () => {
        if (!finished) committed = true;
      },
    };
    return runWithTransactionHooks(hooks, () => next.handle()).pipe(
      mergeMap((value) => {
        finished = true;
        return from((committed ? Promise.resolve() : this.write(this.dataSource.manager, req, 'allowed', value)).then(() => value));
      }),
      catchError((err: unknown) => {
        finished = true;
        // A change that committed has its row already (outcome allowed: the change was made).
        if (committed) return throwError(() => err);
        return from(this.write(this.dataSource.manager, req, 'failed')).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }

  private async write(manager: EntityManager, req: AuthorizedRequest, outcome: string, value?: unknown): Promise<void> {
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
    // A look-up against the register is a row of its own, in the same insert (NIKs only as digests).
    const lookup = req.lookup
      ? [{ ...base, action: 'read', resource: 'register-lookup', resourceId: req.lookup.resourceId, notOwner: false }]
      : [];
    const resolve = this.ownership.get(rule.resource);
    // Lists of victims' records (those with an ownership rule) are recorded record by record.
    const listed = outcome === 'allowed' && resolve && !rule.param && Array.isArray(value) ? listedIds(value) : [];
    if (!listed.length) {
      await manager.getRepository(AccessRecord).insert([{ ...base, resourceId: resourceId ?? createdId(value), notOwner }, ...lookup]);
      return;
    }
    const rows = [...lookup];
    for (const id of listed) {
      const whose = p.role !== 'case-worker' ? await resolve!(manager, id, p) : 'own';
      rows.push({ ...base, resourceId: id, notOwner: whose === 'other' });
    }
    // One insert, after every look-up: the chain's lock is taken here and held to the commit.
    await manager.getRepository(AccessRecord).insert(rows);
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
