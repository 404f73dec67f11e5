import type { Knex } from 'knex';

/** The table each kind of flagged or reported subject lives in. */
export const SUBJECT_TABLES = { post: 'posts', account: 'accounts', transaction: 'transactions' } as const;
export type SubjectType = keyof typeof SUBJECT_TABLES;

export function subjectTable(type: string): string {
  const table = SUBJECT_TABLES[type as SubjectType];
  if (!table) throw new Error(`unknown subject type ${type}`);
  return table;
}

/** Where a subject names its member: a post's author, an order's buyer; null for an account, which is its own member. */
export function subjectMemberColumn(subjectType: string): { table: string; column: string } | null {
  if (subjectType === 'account') return null;
  return subjectType === 'post' ? { table: 'posts', column: 'author_id' } : { table: 'transactions', column: 'buyer_id' };
}

/** The member a subject belongs to: the account itself, a post's author, an order's buyer. */
export async function subjectAccount(db: Knex, subjectType: string, subjectId: number): Promise<number | null> {
  const owner = subjectMemberColumn(subjectType);
  if (!owner) return subjectId;
  const row: Record<string, number | null> | undefined = await db(owner.table).where({ id: subjectId }).first(owner.column);
  return row?.[owner.column] ?? null;
}
