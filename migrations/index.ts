import type { Knex } from 'knex';
import * as m001 from './001_accounts_and_content';
import * as m002 from './002_staff_and_audit';
import * as m003 from './003_moderation';
import * as m004 from './004_policies_and_evidence';
import * as m005 from './005_policy_runtime';
import * as m006 from './006_reputation_state';
import * as m007 from './007_referral_disclosure';
import * as m008 from './008_compliance_reports';
import * as m009 from './009_platform_loop';
import * as m010 from './010_community_health';
import * as m011 from './011_statements_and_appeals';
import * as m012 from './012_transparency_reports';
import * as m013 from './013_thread_activity_hourly';
import * as m014 from './014_policy_cache_token';
import * as m015 from './015_privacy_and_integrity';
import * as m018 from './018_monthly_partitions';
import * as m019 from './019_read_fences';
import * as m020 from './020_board_counter_slots';
import * as m021 from './021_model_lifecycle';
import * as m022 from './022_team_and_time';
import * as m023 from './023_masked_copy_backlog';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/*
 * Migrations are listed here rather than discovered from the folder, so the same list works under
 * tsx, vitest and any bundler, and a file cannot be picked up by accident.
 */
const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['001_accounts_and_content', m001],
  ['002_staff_and_audit', m002],
  ['003_moderation', m003],
  ['004_policies_and_evidence', m004],
  ['005_policy_runtime', m005],
  ['006_reputation_state', m006],
  ['007_referral_disclosure', m007],
  ['008_compliance_reports', m008],
  ['009_platform_loop', m009],
  ['010_community_health', m010],
  ['011_statements_and_appeals', m011],
  ['012_transparency_reports', m012],
  ['013_thread_activity_hourly', m013],
  ['014_policy_cache_token', m014],
  ['015_privacy_and_integrity', m015],
  ['018_monthly_partitions', m018],
  ['019_read_fences', m019],
  ['020_board_counter_slots', m020],
  ['021_model_lifecycle', m021],
  ['022_team_and_time', m022],
  ['023_masked_copy_backlog', m023],
];

export const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (m) => m[0],
  getMigration: async (m) => m[1],
};

export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]![0];
