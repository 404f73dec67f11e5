import type { Db } from '../db/connect';
import { problems, zodFieldErrors, type FieldError } from '../http/problem';
import { postInputSchema, transactionInputSchema } from '../../contract/schemas/ingest';
import { textFingerprint } from '../../rules/facts/textFacts';
import type { Subject } from '../../rules/facts/catalog';
import type { PolicyDocument } from '../../rules/policy/document';
import type { Scorer } from '../../models/runtime/scorer';
import { buildEvaluator, loadBrands, loadLists, type ActivePolicies } from './policyRuntime';
import { judgePostsPure, judgeTransactionsPure, type Judgement } from './judge';
import type { PostSubject } from './postContexts';
import { assertValidDocument } from './policyService';
import { maskDeep } from '../../rules/privacy/mask';

type DryItem = { id: number } | Record<string, unknown>;

async function accountIdByExternal(db: Db, externalId: string | undefined): Promise<number | null> {
  if (!externalId) return null;
  const row = await db('accounts').where({ external_id: externalId }).orderBy('id').first('id');
  return row?.id ?? null;
}

/**
 * Builds the facts of each item exactly as ingestion would (stored items as of the moment they
 * were posted) and evaluates the given document and the published version side by side. Reads
 * only: nothing is written.
 */
export async function dryRun(
  db: Db,
  input: { subject: Subject; document: PolicyDocument; publishedDocument: PolicyDocument | null; items: DryItem[]; scorer?: Scorer },
) {
  const lists = await loadLists(db);
  const brands = input.subject === 'post' ? await loadBrands(db) : [];
  const policySet = (doc: PolicyDocument): ActivePolicies => ({
    lists,
    brands,
    policies: [{ policyId: 0, versionId: 0, name: 'dry-run', mode: 'enforce', evaluator: buildEvaluator(doc, lists) }],
  });
  const errors: FieldError[] = [];
  const subjects: unknown[] = [];
  for (const [i, item] of input.items.entries()) {
    if ('id' in item && Object.keys(item).length === 1) {
      subjects.push(await (input.subject === 'post' ? storedPost(db, item.id as number) : storedTransaction(db, item.id as number)));
      if (!subjects[subjects.length - 1])
        errors.push({ path: `items[${i}].id`, message: `no stored ${input.subject} with id ${String(item.id)}` });
      continue;
    }
    const parsed = (input.subject === 'post' ? postInputSchema : transactionInputSchema).safeParse(item);
    if (!parsed.success) {
      errors.push(...zodFieldErrors(parsed.error, `items[${i}]`));
      continue;
    }
    subjects.push(
      input.subject === 'post' ? await inlinePost(db, parsed.data as never) : await inlineTransaction(db, parsed.data as never),
    );
  }
  if (errors.length) throw problems.validation(errors, 'Some dry-run items are not valid.');

  const run = (active: ActivePolicies): Promise<Judgement[]> =>
    input.subject === 'post'
      ? judgePostsPure(db, active, subjects as never, input.scorer)
      : judgeTransactionsPure(db, active, subjects as never);
  const draft = await run(policySet(input.document));
  const published = input.publishedDocument ? await run(policySet(input.publishedDocument)) : null;
  return draft.map((j, i) => ({
    item: input.items[i],
    subject: subjectLabel(input.subject, subjects[i] as Record<string, unknown>, input.items[i]!),
    facts: j.facts,
    events: j.hits.map((h) => h.event),
    hits: j.hits.map((h) => ({ rule: h.rule, priority: h.priority, event: h.event, explanation: h.explanation })),
    published: published ? { events: published[i]!.hits.map((h) => h.event), rules: published[i]!.hits.map((h) => h.rule) } : null,
  }));
}

const SNIPPET = 80;

/** What names a result in the console: the stored id (linked) or the platform's id, and a text snippet. */
function subjectLabel(
  subject: Subject,
  s: Record<string, unknown>,
  item: DryItem,
): { id: number | null; externalId: string | null; snippet: string } {
  const externalId = typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : null;
  const id = typeof s.id === 'number' ? s.id : s.id == null ? null : Number(s.id);
  if (subject === 'transaction')
    return { id, externalId, snippet: `${(Number(s.amountCents) / 100).toFixed(2)} ${String(s.currency)} · ${String(s.status)}` };
  const text = [s.title, s.body]
    .filter((x) => typeof x === 'string' && x.trim() !== '')
    .join(' — ')
    .replace(/\s+/g, ' ')
    .trim();
  return { id, externalId, snippet: text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text };
}

export async function storedPost(db: Db, id: number) {
  const p = await db('posts').where({ id }).first();
  if (!p) return null;
  const subject: PostSubject & Record<string, unknown> = {
    id: p.id,
    kind: p.kind,
    board: p.board,
    title: p.title,
    body: p.body,
    rating: p.rating,
    platformLabel: p.platform_label,
    reach: p.reach,
    hasProduct: p.product_id !== null,
    postedAt: p.posted_at,
    authorId: p.author_id,
    threadId: p.thread_id,
    productId: p.product_id,
    textHash: p.text_hash ?? textFingerprint(p.body),
  };
  return subject;
}

async function inlinePost(db: Db, p: import('../../contract/schemas/ingest').PostInput) {
  const thread = p.threadId ? await db('posts').where({ external_id: p.threadId }).orderBy('id').first('id') : null;
  const product = p.product ? await db('products').where({ external_id: p.product.id }).orderBy('id').first('id') : null;
  return {
    id: null,
    kind: p.kind,
    board: p.board ?? null,
    title: p.title ?? null,
    body: p.body,
    rating: p.rating ?? null,
    platformLabel: p.platformLabel ?? false,
    reach: p.reach ?? 0,
    hasProduct: !!p.product,
    postedAt: p.postedAt,
    authorId: await accountIdByExternal(db, p.author.id),
    threadId: thread?.id ?? null,
    productId: product?.id ?? null,
    textHash: textFingerprint(p.title ? `${p.title}\n${p.body}` : p.body),
  };
}

async function storedTransaction(db: Db, id: number) {
  const t = await db('transactions as t')
    .leftJoin('products as p', 'p.id', 't.product_id')
    .leftJoin('accounts as b', 'b.id', 'p.brand_id')
    .where('t.id', id)
    .first('t.*', 'b.handle as brand_handle');
  if (!t) return null;
  return {
    id: t.id,
    amountCents: Number(t.amount_cents),
    currency: t.currency,
    status: t.status,
    orderedAt: t.ordered_at,
    hasReferralPost: t.referral_post_id !== null,
    hasAffiliate: t.affiliate_id !== null,
    productBrandHandle: t.brand_handle ?? null,
    buyerId: t.buyer_id,
    vendorId: t.vendor_id,
    affiliateId: t.affiliate_id,
    referralPostId: t.referral_post_id,
  };
}

async function inlineTransaction(db: Db, t: import('../../contract/schemas/ingest').TransactionInput) {
  const referral = t.referralPostId ? await db('posts').where({ external_id: t.referralPostId }).orderBy('id').first('id') : null;
  return {
    id: null,
    amountCents: t.amountCents,
    currency: t.currency,
    status: t.status,
    orderedAt: t.orderedAt,
    hasReferralPost: !!t.referralPostId,
    hasAffiliate: !!t.affiliate,
    productBrandHandle: t.product?.brand?.id ?? null,
    buyerId: (await accountIdByExternal(db, t.buyer.id)) ?? -1,
    vendorId: (await accountIdByExternal(db, t.vendor.id)) ?? -1,
    affiliateId: await accountIdByExternal(db, t.affiliate?.id),
    referralPostId: referral?.id ?? null,
  };
}

/**
 * Tries a document (or the policy's stored draft) on sample items beside the published version;
 * writes nothing. Results are masked: a dry run is read by anyone who may edit policies.
 */
export async function dryRunPolicy(db: Db, id: number, input: { document?: unknown; items: DryItem[] }, scorer: Scorer | undefined) {
  const policy = await db('policies').where({ id }).first();
  if (!policy) throw problems.notFound(`No policy with id ${id}.`);
  const document =
    input.document === undefined
      ? (policy.draft as PolicyDocument)
      : await assertValidDocument(db, input.document, policy.applies_to, 'document');
  const published = policy.published_version_id
    ? await db('policy_versions').where({ id: policy.published_version_id }).first('document')
    : null;
  const results = await dryRun(db, {
    subject: policy.applies_to,
    document,
    publishedDocument: (published?.document as PolicyDocument) ?? null,
    items: input.items,
    scorer,
  });
  return { policyId: id, appliesTo: policy.applies_to as Subject, results: maskDeep(results) };
}
