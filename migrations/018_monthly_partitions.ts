import type { Knex } from 'knex';

/*
 * The append-only tables become range-partitioned by month on their time column; rows are copied
 * in place. The conversion reads each table's own catalogue (columns through LIKE, indexes,
 * constraints, foreign keys), so columns and indexes later migrations add are carried along, and
 * what it changed is recorded in `partitioned_tables`, from which `down` rebuilds the flat tables.
 *
 * Keys that span partitions. PostgreSQL only enforces a unique index on a partitioned table when
 * it includes the partition key, so:
 * - The primary key becomes (id, time column). Ids still come from the table's one sequence.
 * - Posts' idempotency key (source, external_id) moves to `post_keys`, a plain table with that
 *   primary key and the post's id (unique). A trigger on posts inserts the key in the same
 *   transaction as the row and raises unique_violation if the key already names another post;
 *   ingestion claims keys first (insert … on conflict do nothing), so a platform re-sending a post
 *   with another posted_at, in another month, is still stored once.
 * - Other unique indexes without the time column become plain indexes: statements' and webhook
 *   events' public ids are random (80+ bits), audit hashes are chained under the chain head's row
 *   lock, and a delivery's (event, subscription) is written once, with its event.
 *
 * Foreign keys. PostgreSQL 15 lets a foreign key reference a partitioned table only through a
 * unique key that includes the partition key, which referencing rows do not carry. References to
 * posts (threads, parents, orders' referral posts, thread counters) now point at post_keys.post_id,
 * which has a row for every post, so they stay enforced. References to the other partitioned tables
 * (appeals → statements, deliveries → events, attempts → deliveries) are dropped: those rows are
 * written in the transaction that writes their target and never deleted; a detached month would
 * otherwise be undetachable. `down` restores every one.
 *
 * Rows outside the months that have partitions land in a default partition;
 * ensure_month_partition() moves them into their month when that month's partition is made.
 */
const PARTITIONED = [
  ['posts', 'posted_at'],
  ['rule_hits', 'created_at'],
  ['reputation_events', 'occurred_at'],
  ['webhook_events', 'created_at'],
  ['webhook_deliveries', 'created_at'],
  ['statements', 'created_at'],
  ['audit_log', 'at'],
] as const;

/** Months of history before now given their own partitions at conversion; older rows wait in the default partition. */
const MONTHS_BACK = 36;
const MONTHS_AHEAD = 3;

interface Recorded {
  table_name: string;
  time_column: string;
  indexes: Array<{ name: string; def: string }>;
  constraints: Array<{ name: string; type: string; def: string }>;
  outgoing_fks: Array<{ name: string; def: string }>;
  incoming_fks: Array<{ table: string; name: string; def: string }>;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

async function record(knex: Knex, table: string, column: string): Promise<Recorded> {
  const indexes = rowsOf<{ name: string; def: string }>(
    await knex.raw(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = ?::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))
        order by c.relname`,
      [table],
    ),
  );
  const constraints = rowsOf<{ name: string; type: string; def: string }>(
    await knex.raw(
      `select conname as name, contype as type, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ?::regclass and contype in ('p', 'u') order by conname`,
      [table],
    ),
  );
  const outgoing_fks = rowsOf<{ name: string; def: string }>(
    await knex.raw(
      `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ?::regclass and contype = 'f' and confrelid <> conrelid order by conname`,
      [table],
    ),
  );
  const incoming_fks = rowsOf<{ table: string; name: string; def: string }>(
    await knex.raw(
      `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def from pg_constraint where confrelid = ?::regclass and contype = 'f' order by 1, 2`,
      [table],
    ),
  );
  return { table_name: table, time_column: column, indexes, constraints, outgoing_fks, incoming_fks };
}

/** The serial sequence survives the swap of tables: it is detached from the old one and given to the new. */
async function sequenceOf(knex: Knex, table: string): Promise<string | null> {
  const [row] = rowsOf<{ seq: string | null }>(await knex.raw(`select pg_get_serial_sequence(?, 'id') as seq`, [table]));
  return row?.seq ?? null;
}

const hasColumn = (def: string, column: string) => new RegExp(`\\(([^)]*\\b${column}\\b[^)]*)\\)`).test(def);

async function convert(knex: Knex, table: string, column: string): Promise<void> {
  const r = await record(knex, table, column);
  await knex('partitioned_tables').insert({
    table_name: table,
    time_column: column,
    indexes: JSON.stringify(r.indexes),
    constraints: JSON.stringify(r.constraints),
    outgoing_fks: JSON.stringify(r.outgoing_fks),
    incoming_fks: JSON.stringify(r.incoming_fks),
  });
  for (const fk of r.incoming_fks) await knex.raw(`alter table ${fk.table} drop constraint ??`, [fk.name]);
  const seq = await sequenceOf(knex, table);
  if (seq) await knex.raw(`alter sequence ${seq} owned by none`);

  const flat = `${table}__flat`;
  await knex.raw('alter table ?? rename to ??', [table, flat]);
  await knex.raw(
    `create table ?? (like ?? including defaults including constraints including storage including comments) partition by range (??)`,
    [table, flat, column],
  );
  await knex.raw(`create table ?? partition of ?? default`, [`${table}_pdefault`, table]);
  await knex.raw(
    `select ensure_month_partition(?, m::date)
       from generate_series(
         greatest(date_trunc('month', coalesce((select min(??) from ??), now()) at time zone 'UTC'), date_trunc('month', now() at time zone 'UTC') - make_interval(months => ?)),
         date_trunc('month', now() at time zone 'UTC') + make_interval(months => ?),
         interval '1 month') as m`,
    [table, column, flat, MONTHS_BACK, MONTHS_AHEAD],
  );
  await knex.raw('insert into ?? select * from ??', [table, flat]);
  await knex.raw('drop table ??', [flat]);
  if (seq) await knex.raw(`alter sequence ${seq} owned by ??.id`, [table]);

  for (const c of r.constraints) {
    if (c.type === 'p') await knex.raw(`alter table ?? add constraint ?? primary key (id, ??)`, [table, c.name, column]);
    else if (hasColumn(c.def, column)) await knex.raw(`alter table ?? add constraint ?? ${c.def}`, [table, c.name]);
    else await knex.raw(`create index ?? on ?? ${c.def.replace(/^UNIQUE\s*/i, '')}`, [c.name, table]);
  }
  for (const i of r.indexes)
    await knex.raw(i.def.replace(/^CREATE UNIQUE INDEX/i, hasColumn(i.def, column) ? 'CREATE UNIQUE INDEX' : 'CREATE INDEX'));
  for (const fk of r.outgoing_fks) await knex.raw(`alter table ?? add constraint ?? ${fk.def}`, [table, fk.name]);
}

async function restore(knex: Knex, r: Recorded): Promise<void> {
  const table = r.table_name;
  // References re-pointed at post_keys are dropped here and restored from the record below.
  for (const fk of r.incoming_fks) await knex.raw(`alter table ${fk.table} drop constraint if exists ??`, [fk.name]);
  const seq = await sequenceOf(knex, table);
  if (seq) await knex.raw(`alter sequence ${seq} owned by none`);
  const flat = `${table}__flat`;
  await knex.raw(`create table ?? (like ?? including defaults including constraints including storage including comments)`, [flat, table]);
  await knex.raw('insert into ?? select * from ??', [flat, table]);
  await knex.raw('drop table ?? cascade', [table]);
  await knex.raw('alter table ?? rename to ??', [flat, table]);
  if (seq) await knex.raw(`alter sequence ${seq} owned by ??.id`, [table]);
  for (const c of r.constraints) await knex.raw(`alter table ?? add constraint ?? ${c.def}`, [table, c.name]);
  for (const i of r.indexes) await knex.raw(i.def);
  for (const fk of r.outgoing_fks) await knex.raw(`alter table ?? add constraint ?? ${fk.def}`, [table, fk.name]);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create table partitioned_tables (
    table_name text primary key,
    time_column text not null,
    indexes jsonb not null,
    constraints jsonb not null,
    outgoing_fks jsonb not null,
    incoming_fks jsonb not null
  )`);
  // Makes one month's partition of a table listed above (UTC months), moving that month's rows
  // out of the default partition first; answers the partition's name, or null when it exists.
  await knex.raw(`create function ensure_month_partition(parent text, month_start date) returns text language plpgsql as $$
    declare
      lo timestamptz := (date_trunc('month', month_start)::date::text || ' 00:00:00+00')::timestamptz;
      hi timestamptz := ((date_trunc('month', month_start) + interval '1 month')::date::text || ' 00:00:00+00')::timestamptz;
      child text := parent || '_p' || to_char(month_start, 'YYYY_MM');
      col text;
      def text;
    begin
      if to_regclass(child) is not null then return null; end if;
      select a.attname into col from pg_partitioned_table pt join pg_attribute a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
        where pt.partrelid = parent::regclass;
      select c.relname into def from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = parent::regclass and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';
      execute format('create table %I (like %I including defaults including constraints including storage)', child, parent);
      if def is not null then
        execute format('with moved as (delete from %I where %I >= %L and %I < %L returning *) insert into %I select * from moved', def, col, lo, col, hi, child);
      end if;
      execute format('alter table %I attach partition %I for values from (%L) to (%L)', parent, child, lo, hi);
      return child;
    end $$`);

  await knex.raw(`create table post_keys (
    source text not null,
    external_id text not null,
    post_id bigint not null unique,
    posted_at timestamptz not null,
    primary key (source, external_id)
  )`);
  await knex.raw('insert into post_keys (source, external_id, post_id, posted_at) select source, external_id, id, posted_at from posts');
  for (const [table, column] of PARTITIONED) await convert(knex, table, column);

  // Every post has its key, whoever inserts it (ingestion claims keys first; seeds and fixtures do not).
  await knex.raw(`create function claim_post_key() returns trigger language plpgsql as $$
    begin
      insert into post_keys (source, external_id, post_id, posted_at) values (new.source, new.external_id, new.id, new.posted_at)
        on conflict (source, external_id) do nothing;
      if not found and not exists (select 1 from post_keys where source = new.source and external_id = new.external_id and post_id = new.id) then
        raise unique_violation using message = format('post (%s, %s) is already stored', new.source, new.external_id), constraint = 'post_keys_pkey';
      end if;
      return new;
    end $$`);
  await knex.raw('create trigger posts_claim_key before insert on posts for each row execute function claim_post_key()');
  const [posts] = rowsOf<{ incoming_fks: Recorded['incoming_fks'] }>(
    await knex.raw(`select incoming_fks from partitioned_tables where table_name = 'posts'`),
  );
  for (const fk of posts!.incoming_fks) {
    await knex.raw(
      `alter table ${fk.table} add constraint ?? ${fk.def.replace(/REFERENCES\s+(\S+\.)?posts\s*\(id\)/i, 'REFERENCES post_keys(post_id)')}`,
      [fk.name],
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger posts_claim_key on posts');
  await knex.raw('drop function claim_post_key()');
  const recorded = rowsOf<Recorded>(await knex.raw('select * from partitioned_tables'));
  const byName = new Map(recorded.map((r) => [r.table_name, r]));
  for (const [table] of [...PARTITIONED].reverse()) await restore(knex, byName.get(table)!);
  // Incoming references last: they may point at a table restored after the one holding them.
  for (const [table] of [...PARTITIONED].reverse()) {
    for (const fk of byName.get(table)!.incoming_fks) await knex.raw(`alter table ${fk.table} add constraint ?? ${fk.def}`, [fk.name]);
  }
  await knex.raw('drop table post_keys');
  await knex.raw('drop function ensure_month_partition(text, date)');
  await knex.raw('drop table partitioned_tables');
}
