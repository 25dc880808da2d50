import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { describeContracts, DICTIONARY, LANGUAGES, TIMELINE_RECORDS } from '@rujukan/contracts';
import { CASE_STATUSES } from '../cases/case.entity.js';
import { CASE_ALERT_KINDS } from '../triage/case-alert.entity.js';

const SOURCE = readFileSync(new URL('./case-timeline.query.ts', import.meta.url), 'utf8');

/**
 * Every `what` the timeline can answer has a word in the one dictionary, in
 * both languages, so the console never shows a raw code: what the unit
 * records (the codes written in this query's SQL, the alert kinds and the
 * closed statuses it builds) and the type of every event it may have sent or
 * received about the case.
 */
describe('the case timeline’s words', () => {
  /** The codes the SQL writes as they are (`'case.registered'`) and those it builds (`'alert.' || a.kind`). */
  const literal = [...SOURCE.matchAll(/'((?:[a-z]+-)*[a-z]+\.(?:[a-z]+-)*[a-z]+)'/g)].map((m) => m[1]);
  const built = [...SOURCE.matchAll(/'([a-z]+)\.' \|\| ([a-z]+\.)?([a-z_]+)/g)].map((m) => ({ prefix: m[1], column: m[3] }));

  it('finds the codes in the query (a check of the check)', () => {
    expect(literal).toEqual(expect.arrayContaining(['case.registered', 'consent.given', 'plan.services-added', 'case.reopened']));
    expect(built).toEqual([
      { prefix: 'alert', column: 'kind' },
      { prefix: 'case', column: 'status' },
    ]);
  });

  it('lists every code the query writes or builds among TIMELINE_RECORDS', () => {
    const codes = [
      ...literal.filter((c) => !/^(CaseFile|case_file)\./.test(c)),
      ...CASE_ALERT_KINDS.map((k) => `alert.${k}`),
      // A closure's entry is `case.<status>` of a case with closed_at set: closed, or closed on a hand-over.
      ...CASE_STATUSES.filter((s) => s.startsWith('closed')).map((s) => `case.${s}`),
    ];
    expect(codes.filter((c) => !(TIMELINE_RECORDS as readonly string[]).includes(c))).toEqual([]);
  });

  it('has a word in both languages for every recorded code and every event type', () => {
    // Every contract of the network (its pattern `<area>.<event>.v<version>`): the type is the pattern without its version.
    const types = [...new Set(Object.keys(describeContracts('now').contracts).map((p) => p.replace(/\.v[0-9]+$/, '')))];
    expect(types).toEqual(expect.arrayContaining(['referral.accepted', 'case.handover-requested', 'case.handover-accepted']));
    const missing: string[] = [];
    for (const lang of LANGUAGES) {
      const words: Record<string, string> = DICTIONARY[lang].timelineEntry;
      for (const code of new Set([...TIMELINE_RECORDS, ...types])) {
        if (!words[code]?.trim() || words[code] === code) missing.push(`${lang}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
