import type { Db } from '../db/connect';
import { disclosureSettings, disclosureVerdict, type DisclosureVerdict } from '../../rules/disclosure/verdict';
import { activeAt } from '../../rules/facts/postFacts';
import { loadBrands, loadLists } from '../policies/policyRuntime';
import { loadPartnerships } from '../policies/postContexts';

export interface PostDisclosure extends DisclosureVerdict {
  /** The text the spans index: title and body joined by a newline, as the verdict reads them. */
  text: string;
}

/**
 * The disclosure verdict of one stored post with its evidence spans, recomputed from the post,
 * the partnerships in force when it was posted and the policy lists now in force — the same
 * function ingestion, backtests and the compliance report call. `text` is what the caller shows
 * (the masked text on the post page), so the spans index exactly what the reader sees.
 */
export async function postDisclosure(
  db: Db,
  post: { authorId: number; postedAt: Date | string; platformLabel: boolean; promoScore: number | null },
  text: string,
): Promise<PostDisclosure> {
  const [lists, brands, partnerships] = await Promise.all([loadLists(db), loadBrands(db), loadPartnerships(db, [post.authorId])]);
  const at = new Date(post.postedAt);
  const active = (partnerships.get(post.authorId) ?? []).filter((p) => activeAt(p, at));
  const verdict = disclosureVerdict({
    text,
    platformLabel: post.platformLabel,
    partnerships: active.map((p) => ({
      brand: p.brandHandle,
      kind: p.kind,
      names: brands.find((b) => b.handle === p.brandHandle)?.names ?? [],
    })),
    promoScore: post.promoScore ?? undefined,
    settings: disclosureSettings(lists),
  });
  return { ...verdict, text };
}
