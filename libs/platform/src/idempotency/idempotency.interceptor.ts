import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  StreamableFile,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { PUBLIC_ROUTE, type AuthorizedRequest } from '@rujukan/auth';
import { runWithTransactionGuard, type TransactionGuard } from '@rujukan/messaging';
import { NO_IDEMPOTENCY } from './idempotency.decorator.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './idempotency.settings.js';
import { requestFingerprint } from './request-fingerprint.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';

/** The key from the header: a token, or an RFC 8941 string (`"…"`); 1 to 255 visible ASCII characters. */
export function parseIdempotencyKey(raw: string | string[]): string {
  if (Array.isArray(raw)) throw new BadRequestException('send one Idempotency-Key header, not several');
  let key = raw.trim();
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1);
  if (!/^[\x21\x23-\x5b\x5d-\x7e]{1,255}$/.test(key))
    throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)');
  return key;
}

type Start = { kind: 'claimed'; token: string } | { kind: 'replay'; status: number; body: unknown };

/**
 * `Idempotency-Key` on every authenticated POST (IETF draft "The
 * Idempotency-Key HTTP Header Field"): the same key, account and request get
 * the first answer again, with `Idempotency-Replayed: true`, and one effect.
 *
 * The key is claimed in its own row before the handler runs; every
 * transaction the handler opens through `UnitOfWork` first marks that claim
 * as committed-to, in the same transaction as the effect, and fails if the
 * request no longer holds it. So an effect commits at most once per key, and
 * a claim left by a crash before any commit may be taken over once it runs out.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly log = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    private readonly records: IdempotencyRepository,
    @Inject(IDEMPOTENCY_SETTINGS) private readonly settings: IdempotencySettings,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & AuthorizedRequest>();
    const raw = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (req.method !== 'POST' || raw === undefined || !req.principal) return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(NO_IDEMPOTENCY, targets)) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return next.handle();

    const key = parseIdempotencyKey(raw);
    const account = `${req.principal.issuer}|${req.principal.staffId}`;
    const fingerprint = requestFingerprint({
      method: req.method,
      path: req.originalUrl.split('?')[0],
      query: req.query,
      account,
      body: req.body,
    });
    const res = context.switchToHttp().getResponse<Response>();

    return from(this.start(account, key, fingerprint, res)).pipe(
      mergeMap((start) => {
        if (start.kind === 'replay') return this.replay(res, start);
        const { token } = start;
        let finished = false;
        // Later transactions (after the answer) are no longer part of this request.
        const guard: TransactionGuard = async (manager) => {
          if (finished) return;
          if (!(await this.records.markCommitted(manager, account, key, token))) {
            throw new ConflictException('this request lost its Idempotency-Key claim (it ran too long): it had no effect');
          }
        };
        return runWithTransactionGuard(guard, () => next.handle()).pipe(
          mergeMap((value) => {
            finished = true;
            return from(this.finish(account, key, token, res.statusCode, value)).pipe(mergeMap(() => of(value)));
          }),
          catchError((err: unknown) => {
            finished = true;
            return from(this.fail(account, key, token, err)).pipe(mergeMap(() => throwError(() => err)));
          }),
        );
      }),
    );
  }

  private async start(account: string, key: string, fingerprint: string, res: Response): Promise<Start> {
    // Twice: a row released or purged between the claim and the look-up is claimed on the second go.
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = randomUUID();
      const claimed = await this.records.claim(account, key, fingerprint, token, {
        claimSeconds: this.settings.claimSeconds,
        retentionSeconds: this.settings.retentionSeconds,
      });
      if (claimed) return { kind: 'claimed', token };
      const row = await this.records.find(account, key);
      if (!row) continue;
      if (row.fingerprint !== fingerprint) {
        throw new UnprocessableEntityException(
          `Idempotency-Key "${key}" was already used for a different request (another route or body): use a new key for a new request`,
        );
      }
      if (row.state === 'completed' && row.status !== null) return { kind: 'replay', status: row.status, body: row.body };
      if (row.committed && row.claimExpired) {
        throw new ConflictException(
          `the first request with Idempotency-Key "${key}" took effect but its answer was not kept (the node stopped or failed while answering): do not repeat it, look the record up`,
        );
      }
      res.setHeader('Retry-After', '1');
      throw new ConflictException(`a request with Idempotency-Key "${key}" is still being processed: retry shortly`);
    }
    res.setHeader('Retry-After', '1');
    throw new ConflictException(`Idempotency-Key "${key}" is changing hands: retry shortly`);
  }

  private replay(res: Response, start: { status: number; body: unknown }): Observable<unknown> {
    res.setHeader(IDEMPOTENCY_REPLAYED_HEADER, 'true');
    if (start.status >= 400) {
      return throwError(() => new HttpException(start.body as Record<string, unknown>, start.status));
    }
    res.status(start.status);
    return of(start.body ?? undefined);
  }

  /** Keeps the answer for replay; a stream or file cannot be kept, so its key is given back when nothing committed. */
  private async finish(account: string, key: string, token: string, status: number, value: unknown): Promise<void> {
    try {
      if (value instanceof StreamableFile || value instanceof Readable || Buffer.isBuffer(value)) {
        if (!(await this.records.release(account, key, token))) await this.records.complete(account, key, token, status, null);
        return;
      }
      await this.records.complete(account, key, token, status, value);
    } catch (err) {
      // The effect is committed and the answer is on its way; a retry will get 409, never a second effect.
      this.log.error(`could not store the answer for an Idempotency-Key: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * A request that committed nothing gives its key back (retrying it is safe);
   * one that committed keeps it: a 4xx answer is stored for replay, after a
   * 5xx the key stays taken without an answer (a retry gets 409, not a second effect).
   */
  private async fail(account: string, key: string, token: string, err: unknown): Promise<void> {
    try {
      if (await this.records.release(account, key, token)) return;
      const status = err instanceof HttpException ? err.getStatus() : 500;
      if (status < 500 && err instanceof HttpException) {
        const body = err.getResponse();
        await this.records.complete(account, key, token, status, typeof body === 'string' ? { statusCode: status, message: body } : body);
      } else {
        await this.records.abandon(account, key, token);
      }
    } catch (storeErr) {
      this.log.error(
        `could not settle an Idempotency-Key after a failed request: ${storeErr instanceof Error ? storeErr.message : String(storeErr)}`,
      );
    }
  }
}
