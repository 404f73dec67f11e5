import type { Knex } from 'knex';

/** The table each kind of flagged or reported subject lives in. */
export const SUBJECT_TABLES = { post: 'posts', account: 'accounts', transaction: 'transactions' } as const;
export type SubjectType = keyof typeof SUBJECT_TABLES;

export function subjectTable(type: string): string {
  const table = SUBJECT_TABLES[type as SubjectType];
  if (!table) throw new Error(`unknown subject type ${type}`);
  return table;
}

/** The member a subject belongs to: the account itself, a post's author, an order's buyer. */
export async function subjectAccount(db: Knex, subjectType: string, subjectId: number): Promise<number | null> {
  if (subjectType === 'account') return subjectId;
  if (subjectType === 'post') return (await db('posts').where({ id: subjectId }).first('author_id'))?.author_id ?? null;
  return (await db('transactions').where({ id: subjectId }).first('buyer_id'))?.buyer_id ?? null;
}
