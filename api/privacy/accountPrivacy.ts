import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import { toApiRow } from '../db/rows';

/** Everything the product holds about an account, for a data subject's access request. */
export async function exportAccount(db: Db, accountId: number, staffId: number, requestId: string, now: Date) {
  return db.transaction(async (trx) => {
    const account = await trx('accounts').where({ id: accountId }).first();
    if (!account) throw problems.notFound(`No account with id ${accountId}.`);
    const posts = await trx('posts').where({ author_id: accountId }).orderBy('id');
    const postIds = posts.map((p: { id: number }) => p.id);
    const transactions = await trx('transactions').where((w) => w.where({ buyer_id: accountId }).orWhere({ vendor_id: accountId }).orWhere({ affiliate_id: accountId })).orderBy('id');
    const partnerships = await trx('partnerships').where((w) => w.where({ creator_id: accountId }).orWhere({ brand_id: accountId })).orderBy('id');
    const reputationEvents = await trx('reputation_events').where({ account_id: accountId }).orderBy('id');
    const flags = await trx('flags').where((w) => w.where({ subject_type: 'account', subject_id: accountId }).orWhere((x) => x.where({ subject_type: 'post' }).whereIn('subject_id', postIds))).orderBy('id');
    const decisions = await trx('decisions').where((w) => w.where({ subject_type: 'account', subject_id: accountId }).orWhere((x) => x.where({ subject_type: 'post' }).whereIn('subject_id', postIds))).orderBy('id');
    await appendAudit(trx, { actor: { kind: 'staff', staffId }, action: 'account.export', subjectType: 'account', subjectId: accountId, detail: { posts: posts.length, transactions: transactions.length }, requestId, at: now });
    return {
      exportedAt: now.toISOString(),
      account: toApiRow(account),
      posts: posts.map(toApiRow),
      transactions: transactions.map(toApiRow),
      partnerships: partnerships.map(toApiRow),
      reputationEvents: reputationEvents.map(toApiRow),
      flags: flags.map(toApiRow),
      decisions: decisions.map(toApiRow),
    };
  });
}

const ERASED = '[erased]';

/**
 * Erases what an account wrote and who it was, in one transaction. What stays is anonymous:
 * order amounts and times, reputation numbers, flags and decisions about the (now empty) items,
 * so aggregates and reports still add up; the audit log is not touched, so its chain still verifies.
 */
export async function eraseAccount(db: Db, accountId: number, reason: string, staffId: number, requestId: string, now: Date) {
  return db.transaction(async (trx) => {
    const account = await trx('accounts').where({ id: accountId }).forUpdate().first();
    if (!account) throw problems.notFound(`No account with id ${accountId}.`);
    if (account.status === 'erased') throw problems.conflict(`Account ${accountId} was already erased.`);
    const postIds: number[] = (await trx('posts').where({ author_id: accountId }).select('id')).map((p: { id: number }) => p.id);
    await trx('posts').where({ author_id: accountId }).update({ title: null, body: ERASED, text_hash: null, status: 'removed', labels: JSON.stringify([]) });
    if (postIds.length) await trx('rule_hits').where({ subject_type: 'post' }).whereIn('subject_id', postIds).update({ explanation: JSON.stringify({ erased: true }) });
    // Compliance reports quoted these posts: keep the case and its hash, drop the words.
    const reports = await trx('compliance_reports').whereNotNull('result').select('id', 'result');
    for (const r of reports) {
      const result = r.result as { cases?: Array<{ postId: number; text: string; author: string }> };
      if (!result.cases?.some((c) => postIds.includes(c.postId))) continue;
      for (const c of result.cases) if (postIds.includes(c.postId)) Object.assign(c, { text: ERASED, author: `erased-${accountId}` });
      await trx('compliance_reports').where({ id: r.id }).update({ result: JSON.stringify(result) });
    }
    await trx('accounts').where({ id: accountId }).update({ handle: `erased-${accountId}`, display_name: null, external_id: `erased-${accountId}`, status: 'erased' });
    await appendAudit(trx, { actor: { kind: 'staff', staffId }, action: 'account.erase', subjectType: 'account', subjectId: accountId, detail: { reason, posts: postIds.length }, requestId, at: now });
    return { accountId, postsErased: postIds.length };
  });
}
