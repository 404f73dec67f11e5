import type { Knex } from 'knex';
import { maskPersonalData } from '../../rules/privacy/mask';

/**
 * Stored masked copies of member-written text. Roles that may not see the identifiers search
 * these instead of the text itself: a search on the raw text answers "does the hidden number
 * contain 1381…?" one digit at a time, so what is masked in answers must be masked in search.
 */
export function masked(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : maskPersonalData(text);
}

/** Table → (text column → its masked copy); the list search and erasure read the same map. */
export const MASKED_COPIES: Record<string, Record<string, string>> = {
  posts: { title: 'title_masked', body: 'body_masked' },
  reports: { text: 'text_masked' },
  appeals: { text: 'text_masked' },
};

/**
 * Fills masked copies missing on rows written before they existed (migration 015 cannot mask:
 * the masking rules live in rules/). A row is done once the copy of its first non-null text is
 * set; batches keep each transaction short.
 */
export async function backfillMaskedCopies(db: Knex, batchSize = 500): Promise<number> {
  let total = 0;
  for (const [table, copies] of Object.entries(MASKED_COPIES)) {
    const sources = Object.keys(copies);
    for (;;) {
      const rows: Array<Record<string, unknown>> = await db(table)
        .where((w) => {
          for (const c of sources) w.orWhere((x) => x.whereNotNull(c).whereNull(copies[c]!));
        })
        .orderBy('id')
        .limit(batchSize)
        .select(['id', ...sources]);
      if (rows.length === 0) break;
      await db.transaction(async (trx) => {
        for (const r of rows) {
          const update: Record<string, string | null> = {};
          for (const c of sources) update[copies[c]!] = masked(r[c] as string | null);
          await trx(table).where({ id: r.id }).update(update);
        }
      });
      total += rows.length;
    }
  }
  return total;
}
