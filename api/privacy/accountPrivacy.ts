import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import { camelCase, toApiRow } from '../db/rows';
import { likePattern } from '../http/listQuery';
import { ERASED, PERSONAL_DATA, columnsOf, type Scope } from './personalData';

/** What the registry's row filters need: the account and the ids its other rows hang from. */
async function scopeOf(trx: Knex.Transaction, accountId: number): Promise<Scope> {
  const postIds = (await trx('posts').where({ author_id: accountId }).pluck('id')) as number[];
  const statementIds = (await trx('statements').where({ account_id: accountId }).pluck('id')) as number[];
  return { accountId, postIds, statementIds };
}

/**
 * Everything the product holds about an account, for a data subject's access request: every
 * table the personal-data registry links to an account, all columns but secrets and the masked
 * search copies (the text itself is there).
 */
export async function exportAccount(db: Db, accountId: number, staffId: number, requestId: string, now: Date) {
  return db.transaction(async (trx) => {
    const account = await trx('accounts').where({ id: accountId }).first('id');
    if (!account) throw problems.notFound(`No account with id ${accountId}.`);
    const scope = await scopeOf(trx, accountId);
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const [table, entry] of Object.entries(PERSONAL_DATA)) {
      if (!entry.owned) continue;
      const hidden = new Set(columnsOf(table, 'secret', 'member_text_copy'));
      const columns = Object.keys(entry.columns).filter((c) => !hidden.has(c));
      const rows = await entry.owned(trx(table).select(columns), scope).orderBy('id');
      tables[camelCase(table)] = rows.map(toApiRow);
    }
    const { accounts, ...rest } = tables;
    const counts = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.length]));
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId },
      action: 'account.export',
      subjectType: 'account',
      subjectId: accountId,
      detail: counts,
      requestId,
      at: now,
    });
    return { exportedAt: now.toISOString(), account: accounts![0], ...rest };
  });
}

/** Replaces the member's words and names wherever another record quotes them. */
function scrubber(names: Map<string, string>, texts: string[]) {
  // Longest first, so a body is replaced whole before any shorter text inside it.
  const quoted = [...new Set(texts.filter((t) => t.length >= 6))].sort((a, b) => b.length - a.length);
  const text = (s: string): string => {
    const renamed = names.get(s);
    if (renamed !== undefined) return renamed;
    let out = s;
    for (const q of quoted) if (out.includes(q)) out = out.split(q).join(ERASED);
    return out;
  };
  const deep = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(deep);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
    return v;
  };
  return { text, deep };
}

/**
 * Erases what an account wrote and who it was, in one transaction, table by table as the
 * personal-data registry lists them: its identity is pseudonymised, every text it wrote
 * (posts, reports, appeals) and its masked copies replaced, and what quotes it (rule
 * explanations, statements of reasons, webhook payloads, compliance and backtest results,
 * staff notes) scrubbed. What stays is anonymous: order amounts and times, reputation numbers,
 * flags and decisions, so aggregates and reports still add up; the audit log is not touched,
 * so its chain still verifies.
 */
export async function eraseAccount(db: Db, accountId: number, reason: string, staffId: number, requestId: string, now: Date) {
  return db.transaction(async (trx) => {
    const account = await trx('accounts').where({ id: accountId }).forUpdate().first();
    if (!account) throw problems.notFound(`No account with id ${accountId}.`);
    if (account.status === 'erased') throw problems.conflict(`Account ${accountId} was already erased.`);
    const scope = await scopeOf(trx, accountId);

    // What quotes the member is found by what the member wrote: read it before it goes.
    const written: string[] = [];
    for (const [table, entry] of Object.entries(PERSONAL_DATA)) {
      const cols = columnsOf(table, 'member_text');
      if (!entry.owned || cols.length === 0) continue;
      for (const row of await entry.owned(trx(table).select(cols), scope))
        for (const c of cols) if (typeof row[c] === 'string') written.push(row[c]);
    }
    const statements = scope.statementIds.length
      ? await trx('statements').whereIn('id', scope.statementIds).select('id', 'facts', 'text_en', 'text_zh')
      : [];
    const names = new Map<string, string>();
    for (const [column, replace] of Object.entries(PERSONAL_DATA.accounts!.erase!)) {
      const value = account[column];
      if (typeof value === 'string' && value.length >= 3) names.set(value, (replace(accountId) as string | null) ?? ERASED);
    }
    const scrub = scrubber(names, [...written, ...names.keys()]);

    // Owned rows: the registry says what each erased column becomes.
    const counts: Record<string, number> = {};
    for (const [table, entry] of Object.entries(PERSONAL_DATA)) {
      if (!entry.owned || !entry.erase) continue;
      const update = Object.fromEntries(Object.entries(entry.erase).map(([c, f]) => [c, f(accountId)]));
      counts[camelCase(table)] = await entry.owned(trx(table), scope).update(update);
    }
    // Erased posts stop being shown; the rest of their row (status history, scores) stays for the counts.
    if (scope.postIds.length)
      await trx('posts')
        .whereIn('id', scope.postIds)
        .update({ status: 'removed', labels: JSON.stringify([]) });
    await trx('accounts').where({ id: accountId }).update({ status: 'erased' });

    // Statements quote facts drawn from the member's text: drop the values, keep what was decided.
    for (const s of statements) {
      const facts = (s.facts as Array<{ name: string; value: string }>) ?? [];
      const quote = (text: string) =>
        scrub.text(facts.reduce((t, f) => t.split(`${f.name} = ${f.value}`).join(`${f.name} = ${ERASED}`), text));
      await trx('statements')
        .where({ id: s.id })
        .update({
          facts: JSON.stringify(facts.map((f) => ({ ...f, value: ERASED }))),
          text_en: quote(s.text_en),
          text_zh: quote(s.text_zh),
        });
    }
    // Staff notes on the member's items and appeals may quote them.
    for (const [table, column] of [
      ['decisions', 'note'],
      ['appeals', 'decision_note'],
    ] as const) {
      for (const row of await PERSONAL_DATA[table]!.owned!(trx(table).whereNotNull(column).select('id', column), scope)) {
        const cleaned = scrub.text(row[column]);
        if (cleaned !== row[column])
          await trx(table)
            .where({ id: row.id })
            .update({ [column]: cleaned });
      }
    }
    // Webhook payloads name the member (their platform id and handle) and carry statements.
    const publicIds = statements.length ? ((await trx('statements').whereIn('id', scope.statementIds).pluck('public_id')) as string[]) : [];
    const needles = [...names.keys(), ...publicIds];
    for (let i = 0; i < needles.length; i += 50) {
      const chunk = needles.slice(i, i + 50);
      const events = await trx('webhook_events')
        .where((w) => {
          for (const n of chunk) w.orWhereRaw('payload::text like ?', [likePattern(JSON.stringify(n).slice(1, -1))]);
        })
        .select('id', 'payload');
      for (const e of events)
        await trx('webhook_events')
          .where({ id: e.id })
          .update({ payload: JSON.stringify(scrub.deep(e.payload)) });
    }
    // Compliance reports quoted these posts: keep the case and its hash, drop the words.
    const postSet = new Set(scope.postIds);
    for (const r of await trx('compliance_reports').whereNotNull('result').select('id', 'result')) {
      const result = r.result as { cases?: Array<{ postId: number; text: string; author: string }> };
      if (!result.cases?.some((c) => postSet.has(c.postId))) continue;
      for (const c of result.cases) if (postSet.has(c.postId)) Object.assign(c, { text: ERASED, author: `erased-${accountId}` });
      await trx('compliance_reports')
        .where({ id: r.id })
        .update({ result: JSON.stringify(result) });
    }
    // Backtests keep excerpts of sample posts.
    for (const b of await trx('backtests').where({ applies_to: 'post' }).whereNotNull('result').select('id', 'result')) {
      let changed = false;
      const result = JSON.parse(JSON.stringify(b.result), (_k, v) => {
        if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.excerpt === 'string' && postSet.has(v.id)) {
          changed = true;
          return { ...v, excerpt: ERASED };
        }
        return v;
      });
      if (changed)
        await trx('backtests')
          .where({ id: b.id })
          .update({ result: JSON.stringify(result) });
    }
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId },
      action: 'account.erase',
      subjectType: 'account',
      subjectId: accountId,
      detail: { reason, posts: scope.postIds.length, ...counts },
      requestId,
      at: now,
    });
    return { accountId, postsErased: scope.postIds.length, reportsErased: counts.reports ?? 0, appealsErased: counts.appeals ?? 0 };
  });
}
