import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { DeadLetter } from '../entities/dead-letter.entity.js';
import { JetStreamTransport, Outcome } from '../transport/jetstream.transport.js';

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
    const rows = await this.dataSource.getRepository(DeadLetter).find({
      where: options.open ? { replayedAt: IsNull() } : {},
      order: { createdAt: 'DESC' },
      take: options.limit ?? 100,
    });
    return rows.map(({ data: _body, ...summary }) => summary);
  }

  /**
   * Replays one dead letter locally (not via the bus: a node may not publish on
   * another agency's subjects). Applied or duplicate marks it replayed; a second
   * failure leaves it open with the new reason.
   */
  async replay(id: string): Promise<Outcome> {
    const repo = this.dataSource.getRepository(DeadLetter);
    const letter = await repo.findOneBy({ id });
    if (!letter) throw new Error(`no dead letter ${id}`);
    if (letter.replayedAt) return 'duplicate';
    const outcome = await this.transport.process({
      subject: letter.subject,
      data: new Uint8Array(letter.data),
      streamSeq: letter.streamSeq ? Number(letter.streamSeq) : undefined,
      deliveryCount: 0,
      consumer: 'replay',
      deadLetterId: letter.id,
    });
    if (outcome === 'applied' || outcome === 'duplicate') {
      await repo.update({ id }, { replayedAt: new Date(), replayOutcome: outcome });
    } else if (outcome === 'retry') {
      await repo.update({ id }, { replayOutcome: 'retry: transient failure, try again' });
    }
    return outcome;
  }
}
