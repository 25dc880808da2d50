import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterRepository } from '../repositories/dead-letter.repository.js';
import { JetStreamTransport } from '../transport/jetstream.transport.js';
import type { Outcome } from '../transport/raw-event.js';

/** What an operator sees of a dead letter: never its body. */
export interface DeadLetterSummary {
  id: string;
  createdAt: Date;
  consumer: string;
  subject: string;
  streamSeq: string | null;
  eventId: string | null;
  pattern: string | null;
  reason: string;
  replayedAt: Date | null;
  replayOutcome: string | null;
}

/** Lists dead letters and replays them through the same pipeline as live events. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: JetStreamTransport,
  ) {}

  /** Dead letters, newest first; `open` only those not yet replayed successfully. */
  async list(options: { open?: boolean; limit?: number } = {}): Promise<DeadLetterSummary[]> {
    const rows = await new DeadLetterRepository(this.dataSource.manager).list({ open: options.open, limit: options.limit ?? 100 });
    return rows.map(({ data: _body, ...summary }) => summary);
  }

  /**
   * Replays one dead letter locally (not via the bus: a node may not publish on
   * another agency's subjects). Applied or duplicate marks it replayed; a second
   * failure leaves it open with the new reason.
   */
  async replay(id: string): Promise<Outcome> {
    const letters = new DeadLetterRepository(this.dataSource.manager);
    const letter = await letters.findById(id);
    if (!letter) throw new Error(`no dead letter ${id}`);
    if (letter.replayedAt) return 'duplicate';
    const outcome = await this.transport.process({
      subject: letter.subject,
      data: new Uint8Array(letter.data),
      streamSeq: letter.streamSeq ? Number(letter.streamSeq) : undefined,
      deliveryCount: 0,
      consumer: 'replay',
      deadLetterId: letter.id,
      eventId: letter.eventId ?? undefined,
    });
    if (outcome === 'applied' || outcome === 'duplicate') {
      await letters.markReplayed(id, outcome);
    } else if (outcome === 'retry') {
      await letters.noteReplayOutcome(id, 'retry: transient failure, try again');
    }
    return outcome;
  }
}
