import { ConflictException, NotFoundException } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { IncomingHandover } from './hand-over.entities.js';
import type { HandOverRepository } from './hand-over.repository.js';

/** An incoming hand-over still waiting for a supervisor's answer, locked; 404 or 409 otherwise. */
export async function pendingHandOver(tx: Transaction, handOvers: HandOverRepository, handoverId: string): Promise<IncomingHandover> {
  const incoming = await handOvers.lockIncoming(tx, handoverId);
  if (!incoming) throw new NotFoundException(`no incoming hand-over ${handoverId}`);
  if (incoming.state !== 'requested') throw new ConflictException(`hand-over was ${incoming.state} already`);
  return incoming;
}
