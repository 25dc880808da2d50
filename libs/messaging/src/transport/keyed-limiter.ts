import { Logger } from '@nestjs/common';

const log = new Logger('KeyedLimiter');

/** Names the error's class only: a message may hold field values. */
function defaultOnError(err: unknown): void {
  log.error(`a scheduled task failed: ${err instanceof Error ? err.name : typeof err}`);
}

/**
 * Runs at most `limit` tasks at once, and tasks that share a key one after
 * another in arrival order: different cases in parallel, one case in order.
 */
export class KeyedLimiter {
  private readonly chains = new Map<string, Promise<void>>();
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  /** `onError` hears every task that rejects; the chain goes on either way. */
  constructor(
    private readonly limit: number,
    private readonly onError: (err: unknown, key: string) => void = defaultOnError,
  ) {}

  /** Resolves once the task is scheduled (a slot was free), not when it is done. */
  async schedule(key: string, task: () => Promise<void>): Promise<void> {
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.active++;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(task)
      .catch((err: unknown) => {
        try {
          this.onError(err, key);
        } catch {
          // A failing error callback must not break the chain of this key.
        }
      })
      .finally(() => {
        this.active--;
        if (this.chains.get(key) === next) this.chains.delete(key);
        this.waiters.shift()?.();
      });
    this.chains.set(key, next);
  }

  /** Resolves when every scheduled task has finished. */
  async drain(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }
}
