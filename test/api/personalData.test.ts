import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA } from '../../api/privacy/personalData';
import { createTestDb, type TestDb } from '../support/testDb';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('the personal-data registry', () => {
  it('classifies exactly the columns of the migrated schema: a new column fails here until someone classifies it', async () => {
    const rows: Array<{ table_name: string; column_name: string }> =
      // A partitioned table's months share its columns and its entry, so only the parent is listed.
      (
        await t.db.raw(
          `select c.relname as table_name, a.attname as column_name from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped and c.relname not like 'knex%' order by 1, 2`,
        )
      ).rows;
    const live = rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
    const registered = Object.entries(PERSONAL_DATA)
      .flatMap(([table, entry]) => Object.keys(entry.columns).map((c) => `${table}.${c}`))
      .sort();
    expect(
      live.filter((c) => !registered.includes(c)),
      'columns missing from api/privacy/personalData.ts',
    ).toEqual([]);
    expect(
      registered.filter((c) => !live.includes(c)),
      'registry entries with no column',
    ).toEqual([]);
  });

  it('erases every column it marks as member text or identity, and links every such table to an account', () => {
    for (const [table, entry] of Object.entries(PERSONAL_DATA)) {
      const erasable = Object.entries(entry.columns)
        .filter(([, c]) => c === 'member_text' || c === 'member_text_copy' || c === 'identity')
        .map(([name]) => name);
      if (erasable.length === 0) continue;
      expect(entry.owned, `${table} holds member text but no account link`).toBeDefined();
      expect(Object.keys(entry.erase ?? {}).sort(), `${table}: what erasure writes`).toEqual(erasable.sort());
    }
  });
});
