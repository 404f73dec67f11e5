import type { Db } from '../db/connect';
import { inTransaction } from '../db/retry';
import { problems, type FieldError } from '../http/problem';
import type { TransactionInput } from '../../contract/schemas/ingest';
import { upsertAccounts } from './upsertAccounts';
import { upsertProducts } from './upsertProducts';
import type { IngestedWithState, TrustEngine } from './ingestResult';
import { judgeAndStoreTransactions } from '../policies/judge';
import { itemStates } from './itemState';
import { announcePolicyOutcomes } from '../webhooks/policyEvents';
import { recordReputationEvents } from '../reputation/reputationStore';
import { ORDER_OUTCOMES } from '../../rules/reputation/beta';
import { sqlArray } from '../db/sqlArray';

/** Stores a validated batch of orders in one transaction; a referral to an unknown post fails the batch. */
export async function ingestTransactions(
  db: Db,
  source: string,
  items: TransactionInput[],
  now: Date,
  engine?: TrustEngine,
): Promise<IngestedWithState[]> {
  const stored = await storeTransactions(db, source, items, now, engine);
  engine?.metrics?.ingested('transaction', source, stored);
  return stored;
}

async function storeTransactions(
  db: Db,
  source: string,
  items: TransactionInput[],
  now: Date,
  engine?: TrustEngine,
): Promise<IngestedWithState[]> {
  return inTransaction(db, async (trx) => {
    const referralIds = [...new Set(items.map((t) => t.referralPostId).filter((x): x is string => !!x))];
    const referrals = new Map<string, number>(
      referralIds.length
        ? (await trx('posts').where({ source }).whereIn('external_id', referralIds).select('id', 'external_id')).map(
            (r: { id: number; external_id: string }) => [r.external_id, r.id],
          )
        : [],
    );
    const errors: FieldError[] = [];
    items.forEach((t, i) => {
      if (t.referralPostId && !referrals.has(t.referralPostId))
        errors.push({ path: `items[${i}].referralPostId`, message: `no post "${t.referralPostId}" from this platform` });
    });
    if (errors.length) throw problems.validation(errors, 'Some orders refer to posts this platform has not sent.');

    const accountIds = await upsertAccounts(
      trx,
      source,
      items.flatMap((t) => [
        { ...t.buyer },
        { ...t.vendor, type: t.vendor.type ?? 'vendor' },
        ...(t.affiliate ? [t.affiliate] : []),
        ...(t.product?.brand ? [{ ...t.product.brand, type: t.product.brand.type ?? 'brand' }] : []),
      ]),
      now,
    );
    const productIds = await upsertProducts(
      trx,
      source,
      items
        .filter((t) => t.product)
        .map((t) => ({
          ref: t.product!,
          vendorId: accountIds.get(t.vendor.id)!,
          brandId: t.product!.brand ? accountIds.get(t.product!.brand.id)! : null,
        })),
      now,
    );
    const rows = items.map((t) => ({
      source,
      external_id: t.id,
      buyer_id: accountIds.get(t.buyer.id)!,
      vendor_id: accountIds.get(t.vendor.id)!,
      product_id: t.product ? productIds.get(t.product.id)! : null,
      amount_cents: t.amountCents,
      currency: t.currency,
      status: t.status,
      referral_post_id: t.referralPostId ? referrals.get(t.referralPostId)! : null,
      affiliate_id: t.affiliate ? accountIds.get(t.affiliate.id)! : null,
      ordered_at: t.orderedAt,
      ingested_at: now,
    }));
    const inserted: Array<{ id: number; external_id: string }> = await trx('transactions')
      .insert(rows)
      .onConflict(['source', 'external_id'])
      .ignore()
      .returning(['id', 'external_id']);
    const mine = new Map(inserted.map((r) => [r.external_id, r.id]));
    const others = items.filter((t) => !mine.has(t.id)).map((t) => t.id);
    const existing = new Map<string, number>(
      others.length
        ? (await trx('transactions').where({ source }).whereIn('external_id', others).select('id', 'external_id')).map(
            (r: { id: number; external_id: string }) => [r.external_id, r.id],
          )
        : [],
    );
    if (engine) {
      const brandHandles = await productBrandHandles(
        trx,
        rows.map((r) => r.product_id).filter((x): x is number => x !== null),
      );
      const fresh = rows
        .filter((r) => mine.has(r.external_id))
        .map((r) => ({
          id: mine.get(r.external_id)!,
          amountCents: r.amount_cents,
          currency: r.currency,
          status: r.status,
          orderedAt: r.ordered_at,
          hasReferralPost: r.referral_post_id !== null,
          hasAffiliate: r.affiliate_id !== null,
          productBrandHandle: r.product_id !== null ? (brandHandles.get(r.product_id) ?? null) : null,
          buyerId: r.buyer_id,
          vendorId: r.vendor_id,
          affiliateId: r.affiliate_id,
          referralPostId: r.referral_post_id,
          accountForEvidence: r.buyer_id,
        }));
      const outcomes = await judgeAndStoreTransactions(trx, engine.runtime, fresh, now);
      const externalIds = new Map([...mine].map(([externalId, id]) => [id, externalId]));
      await announcePolicyOutcomes(
        trx,
        'transaction',
        source,
        fresh.map((f) => ({ id: f.id, externalId: externalIds.get(f.id)! })),
        outcomes,
        engine.outbox,
        now,
      );
    }
    // An order a post brought in while that post was an undisclosed ad is marked for compliance.
    const fresh = rows.filter((r) => mine.has(r.external_id) && r.referral_post_id !== null).map((r) => mine.get(r.external_id)!);
    if (fresh.length) {
      await trx.raw(
        `update transactions t set referral_undisclosed = true from posts p
         where t.id = any(?::bigint[]) and p.id = t.referral_post_id and p.disclosure_status = 'undisclosed'`,
        [sqlArray(fresh)],
      );
    }
    // What each new order's outcome says about buyer and vendor, as commerce evidence.
    await recordReputationEvents(
      trx,
      rows
        .filter((r) => mine.has(r.external_id))
        .flatMap((r) => {
          const w = ORDER_OUTCOMES[r.status] ?? { buyer: 0, vendor: 0 };
          const causeId = mine.get(r.external_id)!;
          return [
            {
              accountId: r.buyer_id,
              component: 'commerce' as const,
              weight: w.buyer,
              causeType: 'order' as const,
              causeId,
              at: r.ordered_at,
            },
            {
              accountId: r.vendor_id,
              component: 'commerce' as const,
              weight: w.vendor,
              causeType: 'order' as const,
              causeId,
              at: r.ordered_at,
            },
          ];
        }),
    );
    const ordered = items.map((t) => ({ externalId: t.id, id: mine.get(t.id) ?? existing.get(t.id)!, created: mine.has(t.id) }));
    const states = await itemStates(
      trx,
      'transaction',
      ordered.map((r) => r.id),
    );
    return ordered.map((r) => ({ ...r, ...states.get(r.id)! }));
  });
}

async function productBrandHandles(trx: import('knex').Knex.Transaction, productIds: number[]): Promise<Map<number, string>> {
  if (productIds.length === 0) return new Map();
  const rows: Array<{ id: number; handle: string }> = await trx('products as p')
    .join('accounts as b', 'b.id', 'p.brand_id')
    .whereIn('p.id', productIds)
    .select('p.id', 'b.handle');
  return new Map(rows.map((r) => [r.id, r.handle]));
}
