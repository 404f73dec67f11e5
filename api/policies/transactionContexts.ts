import type { Knex } from 'knex';
import type { TransactionContext } from '../../rules/facts/transactionFacts';
import { loadAccounts, loadPartnerships } from './postContexts';
import { sqlArray } from '../db/sqlArray';

export interface TransactionSubject {
  id: number | null;
  buyerId: number;
  vendorId: number;
  affiliateId: number | null;
  referralPostId: number | null;
  orderedAt: Date;
}

const HISTORY_SQL = (party: 'buyer_id' | 'vendor_id', prefix: string) => `
  (select count(*) from transactions t where t.${party} = x.${party} and t.ordered_at >= x.t - interval '90 days' and t.ordered_at < x.t) as ${prefix}_orders,
  (select count(*) from transactions t where t.${party} = x.${party} and t.ordered_at >= x.t - interval '90 days' and t.ordered_at < x.t and t.status = 'refunded') as ${prefix}_refunds,
  (select count(*) from transactions t where t.${party} = x.${party} and t.ordered_at >= x.t - interval '90 days' and t.ordered_at < x.t and t.status in ('disputed', 'chargeback')) as ${prefix}_disputes,
  (select count(*) from transactions t where t.${party} = x.${party} and t.ordered_at >= x.t - interval '1 hour' and t.ordered_at < x.t) as ${prefix}_hour`;

/** Order history before each order (strictly earlier), the referral post's disclosure, the affiliate's partnerships. */
export async function loadTransactionContexts(db: Knex, subjects: TransactionSubject[]): Promise<TransactionContext[]> {
  if (subjects.length === 0) return [];
  const buyerIds = [...new Set(subjects.map((s) => s.buyerId))];
  const affiliateIds = [...new Set(subjects.map((s) => s.affiliateId).filter((x): x is number => x !== null))];
  const referralIds = [...new Set(subjects.map((s) => s.referralPostId).filter((x): x is number => x !== null))];
  // One after another: inside a transaction these share one connection, which takes one query at a time.
  const buyers = await loadAccounts(db, buyerIds);
  const partnerships = await loadPartnerships(db, affiliateIds);
  const referrals = referralIds.length ? await db('posts').whereIn('id', referralIds).select('id', 'has_disclosure', 'platform_label') : [];
  const history = await db.raw(
    `select x.n, ${HISTORY_SQL('buyer_id', 'b')}, ${HISTORY_SQL('vendor_id', 'v')}
       from unnest(?::bigint[], ?::bigint[], ?::timestamptz[]) with ordinality as x(buyer_id, vendor_id, t, n)
       order by x.n`,
    [sqlArray(subjects.map((s) => s.buyerId)), sqlArray(subjects.map((s) => s.vendorId)), sqlArray(subjects.map((s) => s.orderedAt))],
  );
  const referralById = new Map(
    (referrals as Array<{ id: number; has_disclosure: boolean; platform_label: boolean }>).map((r) => [
      r.id,
      r.has_disclosure || r.platform_label,
    ]),
  );
  const rows = (history as { rows: Array<Record<string, number>> }).rows;
  return subjects.map((s, i) => {
    const h = rows[i]!;
    return {
      buyer: buyers.get(s.buyerId) ?? { type: 'member', joinedAt: s.orderedAt, reputation: null, violationsUpheld: 0 },
      buyerHistory: {
        orders90d: Number(h.b_orders),
        refunds90d: Number(h.b_refunds),
        disputes90d: Number(h.b_disputes),
        ordersLastHour: Number(h.b_hour),
      },
      vendorHistory: {
        orders90d: Number(h.v_orders),
        refunds90d: Number(h.v_refunds),
        disputes90d: Number(h.v_disputes),
        ordersLastHour: Number(h.v_hour),
      },
      referralPostDisclosed: s.referralPostId !== null ? (referralById.get(s.referralPostId) ?? null) : null,
      affiliatePartnerships: (s.affiliateId !== null ? partnerships.get(s.affiliateId) : undefined) ?? [],
    };
  });
}
