import { hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthSettings } from './auth.config.js';
import { AUTH_SETTINGS } from './auth.constants.js';

export interface DraftKeyAnswer {
  /** AES-256-GCM key (32 bytes, base64url): the console keeps it in the page's memory only, never in storage. */
  key: string;
  /** Names the key without telling anything of it (16 bytes, base64url): where the console keeps the draft. */
  keyId: string;
}

/**
 * Each staff member's key for the console's drafts, derived on the node
 * (HKDF-SHA256 of the node's AUTH_TOKEN_SECRET, her id and the key's
 * generation) and never stored: the browser keeps only the ciphertext.
 * Signing out and disabling her account raise the generation, so the key
 * an old draft was encrypted under can no longer be had from the node.
 */
@Injectable()
export class DraftKeys {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async key(staffId: string): Promise<DraftKeyAnswer> {
    const [row] = await this.dataSource.query<Array<{ generation: number }>>(`SELECT generation FROM staff_draft_key WHERE staff_id = $1`, [
      staffId,
    ]);
    const generation = row?.generation ?? 0;
    const derive = (purpose: string, bytes: number) =>
      Buffer.from(
        hkdfSync(
          'sha256',
          this.settings.tokenSecret,
          `rujukan-draft:${this.settings.agency}`,
          `${purpose}\0${staffId}\0${generation}`,
          bytes,
        ),
      ).toString('base64url');
    return { key: derive('key', 32), keyId: derive('key-id', 16) };
  }

  /** The next generation: the key handed out until now cannot be had again. */
  async retire(staffId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO staff_draft_key (staff_id, generation) VALUES ($1, 1)
       ON CONFLICT (staff_id) DO UPDATE SET generation = staff_draft_key.generation + 1, raised_at = now()`,
      [staffId],
    );
  }
}
