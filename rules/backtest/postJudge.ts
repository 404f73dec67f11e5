import { computePostFacts, type BrandDirectory, type PostContext, type PostForFacts } from '../facts/postFacts';
import type { Facts, PolicyEvaluator } from '../policy/evaluation';
import type { PolicyLists } from '../policy/operators';

/** A post as a backtest has measured it: the post and everything around it but the brand directory, which is shared. */
export interface PostToJudge {
  post: PostForFacts;
  context: Omit<PostContext, 'brands'>;
}

/** The rules of the draft, and of the version compared (none without one), that match one post. */
export type Judged = [draft: string[], compared: readonly string[]];

type Matcher = (facts: Facts) => string[] | Promise<string[]>;
const NONE: readonly string[] = Object.freeze([]);

/**
 * Which rules of a policy match: the compiled fast path, synchronous, or json-rules-engine's hits
 * when the policy fell back. Callers await only a promise, so the compiled path costs no
 * microtask per item.
 */
export function matcherOf(evaluator: PolicyEvaluator): Matcher {
  if ('matchedRules' in evaluator && typeof evaluator.matchedRules === 'function')
    return evaluator.matchedRules.bind(evaluator) as (f: Facts) => string[];
  return async (facts) => (await evaluator.evaluate(facts)).hits.map((h) => h.rule);
}

/**
 * Judges posts with a draft and the version it is compared with: their facts, as ingestion
 * computes them, and the rules each version matches. Pure, so a backtest can run it in worker
 * threads as well as in its own.
 */
export function createPostJudge(
  draft: PolicyEvaluator,
  compared: PolicyEvaluator | null,
  lists: PolicyLists,
  directory: BrandDirectory,
): (items: readonly PostToJudge[]) => Promise<Judged[]> {
  const draftMatch = matcherOf(draft);
  const comparedMatch = compared ? matcherOf(compared) : null;
  return async (items) => {
    const out: Judged[] = new Array<Judged>(items.length);
    for (let i = 0; i < items.length; i++) {
      const { post, context } = items[i]!;
      const facts = computePostFacts(post, { ...context, brands: directory.brands }, lists);
      let draftRules = draftMatch(facts);
      if (draftRules instanceof Promise) draftRules = await draftRules;
      let comparedRules = comparedMatch ? comparedMatch(facts) : NONE;
      if (comparedRules instanceof Promise) comparedRules = await comparedRules;
      out[i] = [draftRules, comparedRules];
    }
    return out;
  };
}
