import type { Db } from '../db/connect';
import { inTransaction } from '../db/retry';
import { problems, type FieldError } from '../http/problem';
import type { TransactionInput } from '../schemas/ingest';
import { upsertAccounts } from './upsertAccounts';
import { upsertProducts } from './upsertProducts';
import type { IngestedItem } from './ingestResult';

/** Stores a validated batch of orders in one transaction; a referral to an unknown post fails the batch. */
export async function ingestTransactions(db: Db, source: string, items: TransactionInput[], now: Date): Promise<IngestedItem[]> {
  return inTransaction(db, async (trx) => {
    const referralIds = [...new Set(items.map((t) => t.referralPostId).filter((x): x is string => !!x))];
    const referrals = new Map<string, number>(
      referralIds.length
        ? (await trx('posts').where({ source }).whereIn('external_id', referralIds).select('id', 'external_id')).map((r: { id: number; external_id: string }) => [r.external_id, r.id])
        : [],
    );
    const errors: FieldError[] = [];
    items.forEach((t, i) => {
      if (t.referralPostId && !referrals.has(t.referralPostId)) errors.push({ path: `items[${i}].referralPostId`, message: `no post "${t.referralPostId}" from this platform` });
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
      items.filter((t) => t.product).map((t) => ({ ref: t.product!, vendorId: accountIds.get(t.vendor.id)!, brandId: t.product!.brand ? accountIds.get(t.product!.brand.id)! : null })),
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
    const inserted: Array<{ id: number; external_id: string }> = await trx('transactions').insert(rows).onConflict(['source', 'external_id']).ignore().returning(['id', 'external_id']);
    const mine = new Map(inserted.map((r) => [r.external_id, r.id]));
    const others = items.filter((t) => !mine.has(t.id)).map((t) => t.id);
    const existing = new Map<string, number>(
      others.length ? (await trx('transactions').where({ source }).whereIn('external_id', others).select('id', 'external_id')).map((r: { id: number; external_id: string }) => [r.external_id, r.id]) : [],
    );
    return items.map((t) => ({ externalId: t.id, id: mine.get(t.id) ?? existing.get(t.id)!, created: mine.has(t.id) }));
  });
}
