import type { Knex } from 'knex';

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('compliance_reports', (t) => {
    t.bigIncrements('id');
    t.timestamp('period_start', { useTz: true }).notNullable();
    t.timestamp('period_end', { useTz: true }).notNullable();
    t.bigInteger('brand_id').references('accounts.id');
    t.bigInteger('creator_id').references('accounts.id');
    t.enu('status', REPORT_STATUSES, { useNative: false, enumName: 'report_status' }).notNullable().defaultTo('queued');
    t.bigInteger('processed').notNullable().defaultTo(0);
    t.bigInteger('total');
    t.jsonb('result');
    t.text('error');
    t.bigInteger('created_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('compliance_reports');
}
