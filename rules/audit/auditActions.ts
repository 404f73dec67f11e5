/**
 * Every action an audit row can name, and every subject type it can be about. The console shows
 * them in its own language from these codes, so an action is added here (and to both catalogues)
 * before a service may write it: AuditEntry.action is typed by this list.
 */
export const AUDIT_ACTIONS = [
  'account.erase',
  'account.export',
  'api_key.create',
  'api_key.revoke',
  'appeal.decide',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'backtest.start',
  'board_threshold.remove',
  'board_threshold.set',
  'compliance_report.create',
  'decision.create',
  'decision.reverse',
  'flag.claim',
  'flag.release',
  'labels.import',
  'list.create',
  'list.delete',
  'list.update',
  'model.install_shipped',
  'model.promote',
  'model.retire',
  'model.rollback',
  'model.shadow',
  'model.train',
  'personal_data.unmask',
  'policy.archive',
  'policy.create',
  'policy.install_starter',
  'policy.install_starter_lists',
  'policy.publish',
  'policy.rollback',
  'policy.update',
  'seed.demo_community',
  'staff.create',
  'staff.demo_password_reset',
  'staff.role_change',
  'staff.update',
  'transparency_report.create',
  'webhook.create',
  'webhook.disable',
  'webhook.replay',
  'webhook.replay_failed',
  'webhook.rotate_secret',
  'webhook.test',
  'webhook.update',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit row is about: the subjects of moderation plus the things staff configure. */
export const AUDIT_SUBJECT_TYPES = [
  'account',
  'api_key',
  'appeal',
  'board',
  'compliance_report',
  'flag',
  'label_import',
  'model_training_run',
  'model_version',
  'policy',
  'policy_list',
  'post',
  'staff',
  'transaction',
  'transparency_report',
  'webhook_delivery',
  'webhook_subscription',
] as const;

export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
