import type { Knex } from 'knex';

/*
 * Read-your-writes with a hot standby: after a staff member's write, their session remembers the
 * primary's WAL position, and their reads stay on the primary until the standby has replayed past
 * it. It lives in the session row, not in a replica's memory, so it holds whichever API replica
 * serves the next request.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff_sessions', (t) => {
    t.text('read_fence_lsn');
    t.timestamp('read_fence_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff_sessions', (t) => {
    t.dropColumn('read_fence_lsn');
    t.dropColumn('read_fence_at');
  });
}
