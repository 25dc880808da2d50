import { RpcException } from '@nestjs/microservices';

const REJECTED = '__rujukanEventRejected';

/**
 * Thrown by a handler when an event can never succeed (a business rule
 * refuses it). The transaction rolls back, the event is dead-lettered with
 * `reason` and acknowledged. Any other error counts as transient and is retried.
 *
 * It is an RpcException so that Nest's exception layer hands it back intact.
 */
export class EventRejected extends RpcException {
  constructor(readonly reason: string) {
    super({ [REJECTED]: true, message: reason });
  }
}

/** The rejection reason if `error` (as seen after Nest's exception layer) is a rejection. */
export function rejectionReason(error: unknown): string | undefined {
  if (error instanceof EventRejected) return error.reason;
  if (error && typeof error === 'object' && (error as Record<string, unknown>)[REJECTED] === true) {
    return String((error as { message?: unknown }).message);
  }
  return undefined;
}
