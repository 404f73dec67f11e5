import type { Knex } from 'knex';
import { REPORT_STATUSES } from './008_compliance_reports';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('transparency_reports', (t) => {
    t.bigIncrements('id');
    t.timestamp('period_start', { useTz: true }).notNullable();
    t.timestamp('period_end', { useTz: true }).notNullable();
    t.enu('status', REPORT_STATUSES, { useNative: false, enumName: 'transparency_report_status' }).notNullable().defaultTo('queued');
    t.jsonb('result');
    t.text('error');
    t.bigInteger('created_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('transparency_reports');
}
