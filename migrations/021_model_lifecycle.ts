import type { Knex } from 'knex';

const MODEL_STATUSES = ['candidate', 'shadow', 'active', 'retired'] as const;
const LABEL_SOURCES = ['decision', 'import'] as const;
const TRAINING_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

/*
 * The classifier's lifecycle in the database: versions with their ONNX bytes, the labels
 * moderators' decisions (and imports) make, the retraining runs, and the scores a shadow model
 * gives beside the active one. Posts and labels point at posts by id without a foreign key, so
 * the posts table can be partitioned (migration 018) without touching these tables.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('model_versions', (t) => {
    t.increments('id');
    // The weights' fingerprint (spam-promo-…): the same weights are the same version.
    t.text('version').notNullable().unique();
    t.enu('status', MODEL_STATUSES, { useNative: false, enumName: 'model_status' }).notNullable();
    t.binary('onnx').notNullable();
    t.text('featurizer_version').notNullable();
    t.jsonb('thresholds').notNullable();
    t.jsonb('training_config').notNullable();
    t.jsonb('training_data').notNullable();
    t.jsonb('metrics').notNullable();
    // The comparison with the model active when this one was trained (retrained versions only).
    t.jsonb('evaluation');
    t.text('note');
    t.integer('created_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('shadow_since', { useTz: true });
    t.timestamp('activated_at', { useTz: true });
    t.timestamp('retired_at', { useTz: true });
    // What was active when this one was promoted: where a rollback goes.
    t.integer('previous_active_id').references('model_versions.id');
  });
  // At most one active and one shadow model at a time.
  await knex.raw(`create unique index model_versions_one_active on model_versions (status) where status = 'active'`);
  await knex.raw(`create unique index model_versions_one_shadow on model_versions (status) where status = 'shadow'`);

  await knex.schema.createTable('model_training_runs', (t) => {
    t.increments('id');
    t.enu('status', TRAINING_RUN_STATUSES, { useNative: false, enumName: 'training_run_status' }).notNullable().defaultTo('queued');
    t.text('stage');
    t.double('progress').notNullable().defaultTo(0);
    t.jsonb('settings').notNullable();
    t.integer('base_version_id').references('model_versions.id');
    t.integer('candidate_id').references('model_versions.id');
    t.text('error');
    t.integer('requested_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.index(['created_at']);
  });

  await knex.schema.createTable('label_imports', (t) => {
    t.increments('id');
    t.text('format').notNullable();
    t.integer('rows').notNullable();
    t.text('sha256').notNullable();
    // A staff member or a platform (its API key's source) sent it.
    t.integer('staff_id').references('staff.id');
    t.text('platform');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('training_labels', (t) => {
    t.bigIncrements('id');
    t.enu('source', LABEL_SOURCES, { useNative: false, enumName: 'label_source' }).notNullable();
    t.bigInteger('post_id');
    t.bigInteger('decision_id').references('decisions.id');
    t.integer('staff_id').references('staff.id');
    t.text('queue');
    t.integer('model_version_id').references('model_versions.id');
    t.smallint('spam');
    t.smallint('promo');
    // Imported rows carry their text; a decision's label reads its post's text at training time,
    // so an erased post takes its text out of training too.
    t.text('text');
    t.text('external_id');
    t.integer('import_id').references('label_imports.id');
    t.timestamp('labelled_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('retracted_at', { useTz: true });
    t.bigInteger('retracted_by_decision_id').references('decisions.id');
    t.index(['labelled_at']);
    t.index(['decision_id']);
    t.index(['post_id']);
  });
  await knex.raw(`alter table training_labels
    add constraint training_labels_spam check (spam in (0, 1)),
    add constraint training_labels_promo check (promo in (0, 1)),
    add constraint training_labels_says_something check (spam is not null or promo is not null),
    add constraint training_labels_has_text check (post_id is not null or text is not null),
    add column label text generated always as (
      case when spam = 1 then 'spam'
           when promo = 1 then 'promotion'
           when spam = 0 and promo = 0 then 'neither'
           when spam = 0 then 'not_spam'
           else 'not_promotion' end) stored`);

  await knex.schema.createTable('model_shadow_scores', (t) => {
    t.integer('model_version_id').notNullable().references('model_versions.id');
    t.bigInteger('post_id').notNullable();
    t.double('spam').notNullable();
    t.double('promo').notNullable();
    t.timestamp('scored_at', { useTz: true }).notNullable();
    t.primary(['model_version_id', 'post_id']);
  });

  await knex.schema.alterTable('posts', (t) => {
    t.integer('model_version_id');
  });

  // Which models score is cached by every replica beside the policies: a status or threshold
  // change renews the same token, so the next ingestion batch on every replica sees it.
  await knex.raw(`create trigger model_versions_renew_policy_cache_insert after insert on model_versions for each row
    when (new.status in ('active', 'shadow')) execute function renew_policy_cache_token()`);
  await knex.raw(`create trigger model_versions_renew_policy_cache_update after update on model_versions for each row
    when ((old.status, old.thresholds) is distinct from (new.status, new.thresholds)) execute function renew_policy_cache_token()`);
  await knex.raw(
    `create trigger model_versions_renew_policy_cache_delete after delete on model_versions for each row execute function renew_policy_cache_token()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const name of ['insert', 'update', 'delete'])
    await knex.raw(`drop trigger model_versions_renew_policy_cache_${name} on model_versions`);
  await knex.schema.alterTable('posts', (t) => {
    t.dropColumn('model_version_id');
  });
  await knex.schema.dropTable('model_shadow_scores');
  await knex.schema.dropTable('training_labels');
  await knex.schema.dropTable('label_imports');
  await knex.schema.dropTable('model_training_runs');
  await knex.schema.dropTable('model_versions');
}
