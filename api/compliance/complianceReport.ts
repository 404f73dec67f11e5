import { createHash } from 'node:crypto';
import { toCsv } from '../../contract/csv';
import type { Db } from '../db/connect';
import type { Clock } from '../deps';
import { runRecordedJob } from '../jobs/recordedJob';
import { disclosureSettings, disclosureVerdict, type Evidence, type EvidenceSpan } from '../../rules/disclosure/verdict';
import { activeAt } from '../../rules/facts/postFacts';
import { loadBrands, loadLists } from '../policies/policyRuntime';
import { loadPartnerships } from '../policies/postContexts';

export const COMPLIANCE_REPORT_JOB = 'compliance_report';

export interface UndisclosedCase {
  postId: number;
  platformId: string;
  source: string;
  author: string;
  brands: string[];
  reach: number;
  postedAt: string;
  detectedAt: string;
  confidence: number;
  evidence: Evidence[];
  /** Where the evidence sits in `text` (UTF-16 offsets): markers, brands, links, codes, prices, the missing label. */
  spans: EvidenceSpan[];
  ordersAttributed: number;
  status: string;
  disclosureRequired: boolean;
  /** The text exactly as stored when detected, and its SHA-256: proof it has not been altered since. */
  text: string;
  textSha256: string;
}

export interface ComplianceReportResult {
  period: { from: string; to: string };
  filters: { brand: string | null; creator: string | null };
  generatedAt: string;
  counts: {
    posts: number;
    commercial: number;
    disclosed: number;
    weaklyDisclosed: number;
    undisclosed: number;
    notCommercial: number;
    remediatedAfterNotice: number;
    noticesSent: number;
    ordersFromUndisclosed: number;
  };
  cases: UndisclosedCase[];
  notes: string[];
}

const PAGE = 2000;

type ReportRow = { brand_id: number | null; creator_id: number | null; period_start: Date; period_end: Date };

/**
 * Builds the report a regulator asks for: counts by disclosure verdict for the period, and each
 * undisclosed post with its evidence, recomputed from the post and the partnerships in force when
 * it was written. Runs as a job; progress is written as it goes.
 */
export async function buildComplianceReport(db: Db, clock: Clock, reportId: number, history: Db = db): Promise<void> {
  await runRecordedJob<ReportRow>(
    db,
    clock,
    'compliance_reports',
    reportId,
    async (report) => {
      const brand = report.brand_id ? await db('accounts').where({ id: report.brand_id }).first('id', 'handle') : null;
      const creator = report.creator_id ? await db('accounts').where({ id: report.creator_id }).first('id', 'handle') : null;
      const base = () => {
        const q = history('posts as p')
          .join('accounts as a', 'a.id', 'p.author_id')
          .where('p.posted_at', '>=', report.period_start)
          .andWhere('p.posted_at', '<', report.period_end);
        if (creator) q.andWhere('p.author_id', creator.id);
        // A brand filter keeps the posts by creators partnered with that brand.
        if (brand) q.whereExists(history('partnerships as x').whereRaw('x.creator_id = p.author_id').andWhere('x.brand_id', brand.id));
        return q;
      };
      const total = Number((await base().count({ c: '*' }).first())!.c);
      await db('compliance_reports').where({ id: reportId }).update({ total });
      const counts = {
        posts: 0,
        commercial: 0,
        disclosed: 0,
        weaklyDisclosed: 0,
        undisclosed: 0,
        notCommercial: 0,
        remediatedAfterNotice: 0,
        noticesSent: 0,
        ordersFromUndisclosed: 0,
      };
      const cases: UndisclosedCase[] = [];
      const lists = await loadLists(db);
      const brands = await loadBrands(db);
      const names = (handle: string) => brands.find((b) => b.handle === handle)?.names ?? [];
      let lastId = 0;
      let processed = 0;
      for (;;) {
        const rows = await base()
          .andWhere('p.id', '>', lastId)
          .orderBy('p.id')
          .limit(PAGE)
          .select(
            'p.id',
            'p.source',
            'p.external_id',
            'p.title',
            'p.body',
            'p.reach',
            'p.posted_at',
            'p.ingested_at',
            'p.platform_label',
            'p.disclosure_status',
            'p.promo_score',
            'p.status',
            'p.disclosure_required',
            'p.author_id',
            'a.handle',
          );
        if (rows.length === 0) break;
        lastId = rows[rows.length - 1].id;
        const partnerships = await loadPartnerships(db, [...new Set(rows.map((r: { author_id: number }) => r.author_id))] as number[]);
        const ids = rows.map((r: { id: number }) => r.id);
        const notices = new Set(
          (
            await db('decisions')
              .whereIn('subject_id', ids)
              .andWhere({ subject_type: 'post', action: 'require_disclosure' })
              .whereNull('reversed_at')
              .select('subject_id')
          ).map((d: { subject_id: number }) => d.subject_id),
        );
        const attributed = (await db('transactions')
          .whereIn('referral_post_id', ids)
          .andWhere('referral_undisclosed', true)
          .groupBy('referral_post_id')
          .select('referral_post_id')
          .count({ c: '*' })) as Array<{ referral_post_id: number; c: number }>;
        const orders = new Map<number, number>(attributed.map((o) => [o.referral_post_id, Number(o.c)]));
        for (const r of rows) {
          const active = (partnerships.get(r.author_id) ?? []).filter(
            (p) => activeAt(p, r.posted_at) && (!brand || p.brandHandle === brand.handle),
          );
          // For one brand: only what its partners posted while the partnership ran.
          if (brand && active.length === 0) continue;
          counts.posts++;
          const text = r.title ? `${r.title}\n${r.body}` : r.body;
          const verdict = disclosureVerdict({
            text,
            platformLabel: r.platform_label,
            partnerships: active.map((p) => ({ brand: p.brandHandle, kind: p.kind, names: names(p.brandHandle) })),
            promoScore: r.promo_score ?? undefined,
            attributedSales: orders.get(r.id) ?? 0,
            settings: disclosureSettings(lists),
          });
          if (notices.has(r.id)) counts.noticesSent++;
          if (verdict.status === 'not_commercial') {
            counts.notCommercial++;
            continue;
          }
          counts.commercial++;
          if (verdict.status === 'disclosed') counts.disclosed++;
          else if (verdict.status === 'weakly_disclosed') counts.weaklyDisclosed++;
          else counts.undisclosed++;
          if (notices.has(r.id) && verdict.status === 'disclosed') counts.remediatedAfterNotice++;
          if (verdict.status !== 'undisclosed') continue;
          counts.ordersFromUndisclosed += orders.get(r.id) ?? 0;
          cases.push({
            postId: r.id,
            platformId: r.external_id,
            source: r.source,
            author: r.handle,
            brands: [...new Set(active.map((p) => p.brandHandle))],
            reach: r.reach,
            postedAt: r.posted_at.toISOString(),
            detectedAt: r.ingested_at.toISOString(),
            confidence: verdict.confidence,
            evidence: verdict.evidence,
            spans: verdict.spans,
            ordersAttributed: orders.get(r.id) ?? 0,
            status: r.status,
            disclosureRequired: r.disclosure_required,
            text,
            textSha256: createHash('sha256').update(text).digest('hex'),
          });
        }
        processed += rows.length;
        await db('compliance_reports').where({ id: reportId }).update({ processed });
      }
      cases.sort((a, b) => b.reach - a.reach || b.confidence - a.confidence);
      const result: ComplianceReportResult = {
        period: { from: report.period_start.toISOString(), to: report.period_end.toISOString() },
        filters: { brand: brand?.handle ?? null, creator: creator?.handle ?? null },
        generatedAt: clock.now().toISOString(),
        counts,
        cases,
        notes: [
          'Verdicts are recomputed from each post as stored and the partnerships in force when it was posted.',
          'Remediated after notice: posts given a disclosure notice whose stored text is now disclosed; edits reach the product only when the platform sends the post again.',
        ],
      };
      return { result, processed };
    },
    { processed: 0 },
  );
}

/** CSV of the cases, UTF-8 with a BOM so spreadsheet programs read Chinese text correctly. */
export function complianceCsv(result: ComplianceReportResult): string {
  const rows = result.cases.map((c) => ({
    post_id: c.postId,
    platform: c.source,
    platform_id: c.platformId,
    author: c.author,
    brands: c.brands.join(' '),
    reach: c.reach,
    posted_at: c.postedAt,
    detected_at: c.detectedAt,
    confidence: c.confidence,
    orders_attributed: c.ordersAttributed,
    status: c.status,
    disclosure_required: c.disclosureRequired,
    evidence: c.evidence.map((e) => e.detail).join(' | '),
    text: c.text,
    text_sha256: c.textSha256,
  }));
  return toCsv(rows, [
    'post_id',
    'platform',
    'platform_id',
    'author',
    'brands',
    'reach',
    'posted_at',
    'detected_at',
    'confidence',
    'orders_attributed',
    'status',
    'disclosure_required',
    'evidence',
    'text',
    'text_sha256',
  ]);
}
