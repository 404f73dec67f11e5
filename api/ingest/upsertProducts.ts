import type { Knex } from 'knex';
import type { ProductRef } from '../../contract/schemas/ingest';

export interface ProductToUpsert {
  ref: ProductRef;
  vendorId: number | null;
  brandId: number | null;
}

/** Same find-or-create contract as accounts: the first description of a product wins. */
export async function upsertProducts(
  trx: Knex.Transaction,
  source: string,
  products: ProductToUpsert[],
  now: Date,
): Promise<Map<string, number>> {
  const byId = new Map<string, ProductToUpsert>();
  for (const p of products) if (!byId.has(p.ref.id)) byId.set(p.ref.id, p);
  const ids = [...byId.keys()].sort();
  if (ids.length === 0) return new Map();
  await trx('products')
    .insert(
      ids.map((id) => {
        const { ref, vendorId, brandId } = byId.get(id)!;
        return {
          source,
          external_id: id,
          vendor_id: vendorId,
          brand_id: brandId,
          name: ref.name,
          category: ref.category ?? null,
          price_cents: ref.priceCents ?? null,
          currency: ref.currency ?? 'CNY',
          ingested_at: now,
        };
      }),
    )
    .onConflict(['source', 'external_id'])
    .ignore();
  const found = await trx('products').where({ source }).whereIn('external_id', ids).select('id', 'external_id');
  return new Map(found.map((r: { id: number; external_id: string }) => [r.external_id, r.id]));
}
