import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseNoteRepository } from '../case-notes/case-note.repository.js';
import { CaseRepository } from '../cases/case.repository.js';
import { assertOpenForWork } from '../cases/open-for-work.js';
import type { CaseNoteView } from '../queries/case-notes.query.js';

/** A case worker's note on a case: its words sealed with the case's key, nothing emitted (it never leaves intake). */
@Injectable()
export class WriteCaseNoteService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly notes: CaseNoteRepository,
  ) {}

  async write(tx: Transaction, caseId: string, body: string, staff: Principal): Promise<CaseNoteView> {
    const caseFile = await this.cases.lock(tx, caseId);
    if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
    assertOpenForWork(caseFile, 'a note');
    const id = randomUUID();
    const writtenAt = await this.notes.insertNote(tx, { id, caseId, body, writtenBy: staff.staffId });
    return { id, caseId, body, writtenBy: staff.staffId, writtenAt: new Date(writtenAt).toISOString() };
  }
}
