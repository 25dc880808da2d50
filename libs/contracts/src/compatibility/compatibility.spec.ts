import { describe, expect, it } from '@jest/globals';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { defineEvent } from '../define-event.js';
import '../index.js';
import { breakingChanges } from './compatibility.js';
import { describeContracts } from './describe-contracts.js';
import { latestRelease } from './released.js';

class Place {
  @IsString() @MaxLength(100) district!: string;
}
class NoteV1 {
  @IsUUID() noteId!: string;
  @IsIn(['low', 'high']) level!: string;
  @IsOptional() @IsString() text?: string;
}
const v1 = defineEvent({ area: 'compat', event: 'noted', version: 1, payload: NoteV1, senders: ['intake'], receivers: ['shelter'] });

/** A variant of the released contract: the same pattern with another payload or delivery rule. */
function variant(payload: Function, rules: Partial<{ receipt: boolean; senders: string[] }> = {}) {
  const now = describeContracts('now', [v1]);
  const changed = describeContracts('now', [
    { ...v1, payload, receipt: rules.receipt ?? v1.receipt, senders: rules.senders ?? v1.senders },
  ]);
  return breakingChanges(now, changed);
}

describe('contract changes and the nodes already in the field', () => {
  it('today’s contracts break nothing a node of the last release sends or accepts', () => {
    const released = latestRelease();
    expect(released).toBeDefined();
    expect(breakingChanges(released!, describeContracts('now'))).toEqual([]);
  });

  it('takes a new optional field, a nested optional object with required parts, and a new version beside the old', () => {
    class Added extends NoteV1 {
      @IsOptional() @IsString() room?: string;
      @IsOptional() @ValidateNested() @Type(() => Place) place?: Place;
    }
    expect(variant(Added)).toEqual([]);
    const v2 = defineEvent({ area: 'compat', event: 'noted', version: 2, payload: Added, senders: ['intake'], receivers: ['shelter'] });
    expect(breakingChanges(describeContracts('released', [v1]), describeContracts('now', [v1, v2]))).toEqual([]);
  });

  it('refuses a removed field, a new required one, a field made optional or required, and changed rules', () => {
    class Removed {
      @IsUUID() noteId!: string;
      @IsOptional() @IsString() text?: string;
    }
    class NewRequired extends NoteV1 {
      @IsString() room!: string;
    }
    class MadeOptional {
      @IsUUID() noteId!: string;
      @IsOptional() @IsIn(['low', 'high']) level?: string;
      @IsOptional() @IsString() text?: string;
    }
    class MoreValues {
      @IsUUID() noteId!: string;
      @IsIn(['low', 'medium', 'high']) level!: string;
      @IsOptional() @IsString() text?: string;
    }
    expect(variant(Removed)).toEqual(['compat.noted.v1: field level is gone (released receivers require it)']);
    expect(variant(NewRequired)).toEqual([
      'compat.noted.v1: new field room is required (released senders do not send it): make it optional',
    ]);
    expect(variant(MadeOptional)).toEqual(['compat.noted.v1: field level became optional (released receivers require it)']);
    expect(variant(MoreValues)).toEqual([
      `compat.noted.v1: field level's rules changed from isIn(["high","low"]) to isIn(["high","low","medium"]) (one side would refuse what the other sends)`,
    ]);
  });

  it('refuses a contract that is gone, and changed receipts or senders', () => {
    expect(breakingChanges(describeContracts('0.1.0', [v1]), describeContracts('now', []))).toEqual([
      'compat.noted.v1 is gone: nodes of 0.1.0 still send or await it; keep it beside its new version',
    ]);
    expect(variant(NoteV1, { receipt: !v1.receipt, senders: ['intake', 'shelter'] })).toEqual([
      `compat.noted.v1: receipt changed from ${v1.receipt} to ${!v1.receipt} (one side would wait for a receipt that never comes)`,
      "compat.noted.v1: senders changed from intake to intake, shelter (nodes of each version would refuse the other's)",
    ]);
  });
});
