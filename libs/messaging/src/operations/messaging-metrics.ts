import { Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import type { Outcome } from '../transport/raw-event.js';

/**
 * Messaging's own metrics, in a registry of this node (not prom-client's
 * global one: several nodes can share a process in tests). The platform
 * serves them with its own at GET /metrics.
 */
@Injectable()
export class MessagingMetrics {
  readonly registry = new Registry();
  private readonly handling = new Histogram({
    name: 'rujukan_event_handling_seconds',
    help: 'Time from taking an event off the bus to its outcome, by event type and outcome (applied, duplicate, retry, dead-lettered)',
    labelNames: ['pattern', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Starts timing one event; call the result with its pattern (once known) and outcome. */
  startHandling(): (pattern: string | undefined, outcome: Outcome) => void {
    const end = this.handling.startTimer();
    return (pattern, outcome) => end({ pattern: pattern ?? 'unreadable', outcome });
  }
}
