import type { Knex } from 'knex';

const POLICY_TARGETS = ['post', 'transaction'] as const;
const POLICY_MODES = ['enforce', 'shadow'] as const;
const POLICY_STATUSES = ['draft', 'published', 'archived'] as const;
const REPUTATION_COMPONENTS = ['discussion', 'commerce'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('policies', (t) => {
    t.bigIncrements('id');
    t.text('name').notNullable().unique();
    t.text('description');
    t.enu('applies_to', POLICY_TARGETS, { useNative: false, enumName: 'policy_target' }).notNullable();
    t.enu('mode', POLICY_MODES, { useNative: false, enumName: 'policy_mode' }).notNullable().defaultTo('shadow');
    t.enu('status', POLICY_STATUSES, { useNative: false, enumName: 'policy_status' }).notNullable().defaultTo('draft');
    // The working copy a community manager edits; published versions are immutable rows below.
    t.jsonb('draft').notNullable();
    t.bigInteger('published_version_id');
    t.bigInteger('created_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['status']);
    t.index(['updated_at']);
  });

  await knex.schema.createTable('policy_versions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('policy_id').notNullable().references('policies.id');
    t.integer('version').notNullable();
    t.jsonb('document').notNullable();
    t.enu('mode', POLICY_MODES, { useNative: false, enumName: 'policy_mode' }).notNullable();
    t.bigInteger('published_by').references('staff.id');
    t.timestamp('published_at', { useTz: true }).notNullable();
    t.unique(['policy_id', 'version']);
  });
  await knex.raw(
    'alter table policies add constraint policies_published_version_fk foreign key (published_version_id) references policy_versions (id)',
  );
  await knex.raw(
    'alter table flags add constraint flags_policy_version_fk foreign key (policy_version_id) references policy_versions (id)',
  );

  await knex.schema.createTable('rule_hits', (t) => {
    t.bigIncrements('id');
    t.bigInteger('policy_version_id').notNullable().references('policy_versions.id');
    t.text('subject_type').notNullable();
    t.bigInteger('subject_id').notNullable();
    t.text('rule_name').notNullable();
    t.text('event_type').notNullable();
    t.jsonb('event_params');
    t.jsonb('explanation');
    t.enu('mode', POLICY_MODES, { useNative: false, enumName: 'policy_mode' }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['subject_type', 'subject_id']);
    t.index(['policy_version_id', 'rule_name', 'created_at']);
    t.index(['created_at']);
  });

  await knex.schema.createTable('reputation_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('account_id').notNullable().references('accounts.id');
    t.enu('component', REPUTATION_COMPONENTS, { useNative: false, enumName: 'reputation_component' }).notNullable();
    // Positive weight is good evidence, negative is bad; the Beta model keeps them apart.
    t.double('weight').notNullable();
    t.text('cause_type').notNullable();
    t.bigInteger('cause_id');
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.index(['account_id', 'occurred_at']);
    t.index(['cause_type', 'cause_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reputation_events');
  await knex.schema.dropTable('rule_hits');
  await knex.raw('alter table flags drop constraint flags_policy_version_fk');
  await knex.raw('alter table policies drop constraint policies_published_version_fk');
  await knex.schema.dropTable('policy_versions');
  await knex.schema.dropTable('policies');
}
