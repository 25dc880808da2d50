import { describe, expect, it } from '@jest/globals';
import { noFacts, type Facts } from './facts.js';
import { spmTable } from './spm.js';
import { valueAt } from './stat-table.js';

describe('SPM complaint handling', () => {
  it('counts only victims whose case got its first response by its deadline: unanswered, late and in time -> 1 of 3', () => {
    const facts: Facts = noFacts();
    for (const caseId of ['unanswered-inside-deadline', 'answered-late', 'answered-in-time']) {
      facts.cases.push({
        caseId,
        month: '2026-05',
        district: 'Kota Tanjungpinang',
        kind: 'violence-against-women',
        channel: 'walk-in',
        violenceTypes: ['physical'],
        place: 'household',
      });
      facts.victims.push({
        victimId: `victim-of-${caseId}`,
        caseId,
        sex: 'female',
        ageBand: '25-44',
        child: false,
        district: 'Kota Tanjungpinang',
        education: null,
      });
    }
    // Answered late: intake flagged it overdue, then recorded the response after the deadline.
    facts.overdueCases.add('answered-late');
    facts.answeredInTimeCases.add('answered-in-time');
    const spm = spmTable(facts, 2026);
    expect(valueAt(spm, 'complaint-handling', 'numerator')).toBe(1);
    expect(valueAt(spm, 'complaint-handling', 'denominator')).toBe(3);
    expect(spm.cells.find((c) => c.row === 'complaint-handling' && c.column === 'numerator')?.units).toEqual([
      'v:victim-of-answered-in-time',
    ]);
  });
});
