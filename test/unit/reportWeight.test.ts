import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_REPORT_PRIORITY,
  REASON_BASE_PRIORITY,
  ageFactor,
  outcomeOfDecision,
  queueForReport,
  reportPriority,
  reportWeight,
  reporterCredibility,
  type ReportReason,
} from '../../rules/reports/reportWeight';
import { QUEUES, REPORT_REASONS, DECISION_ACTIONS } from '../../contract/enums';

const count = fc.integer({ min: 0, max: 10_000 });
const reason = fc.constantFrom(...(REPORT_REASONS as readonly ReportReason[]));

describe('report weight', () => {
  it('believes a reporter more with each upheld report and less with each rejected one', () => {
    fc.assert(
      fc.property(count, count, (upheld, rejected) => {
        const c = reporterCredibility({ reportsUpheld: upheld, reportsRejected: rejected });
        expect(c).toBeGreaterThan(0);
        expect(c).toBeLessThan(1);
        expect(reporterCredibility({ reportsUpheld: upheld + 1, reportsRejected: rejected })).toBeGreaterThan(c);
        expect(reporterCredibility({ reportsUpheld: upheld, reportsRejected: rejected + 1 })).toBeLessThan(c);
      }),
    );
    expect(reporterCredibility({ reportsUpheld: 0, reportsRejected: 0 })).toBe(0.5);
  });

  it('grows with account age up to thirty days, never below the floor', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (age, more) => {
        const f = ageFactor(age);
        expect(f).toBeGreaterThanOrEqual(0.1);
        expect(f).toBeLessThanOrEqual(1);
        expect(ageFactor(age + more)).toBeGreaterThanOrEqual(f);
      }),
    );
    expect(ageFactor(Number.NaN)).toBe(0.1);
  });

  it('counts ten reports from accounts made that day for less than two from established members', () => {
    const brigade = 10 * reportWeight({ reportsUpheld: 0, reportsRejected: 0, accountAgeDays: 0.5 });
    const members = 2 * reportWeight({ reportsUpheld: 0, reportsRejected: 0, accountAgeDays: 400 });
    expect(brigade).toBeLessThan(members);
    expect(reportPriority('spam', brigade)).toBeLessThan(reportPriority('spam', members));
  });

  it('priority starts at the reason’s base, rises with weight, and stays below the top', () => {
    fc.assert(
      fc.property(reason, fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (r, w, extra) => {
        const p = reportPriority(r, w);
        expect(p).toBeGreaterThanOrEqual(REASON_BASE_PRIORITY[r]);
        expect(p).toBeLessThanOrEqual(MAX_REPORT_PRIORITY);
        expect(reportPriority(r, w + extra)).toBeGreaterThanOrEqual(p);
        expect(Number.isInteger(p)).toBe(true);
      }),
    );
  });

  it('sends every report to a queue that exists, and every decision to an outcome', () => {
    for (const subject of ['post', 'account', 'transaction'] as const)
      for (const r of REPORT_REASONS) expect(QUEUES).toContain(queueForReport(subject, r));
    for (const action of DECISION_ACTIONS)
      expect(outcomeOfDecision(action)).toBe(action === 'escalate' ? null : action === 'approve' ? 'rejected' : 'upheld');
  });
});
