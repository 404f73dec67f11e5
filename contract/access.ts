import { QUEUES, STAFF_ROLES, type Role } from './enums';

export type { Role };
export const ROLES: readonly Role[] = STAFF_ROLES;

/**
 * Who may read and who may change each console resource. The API enforces it; the console reads
 * the same map only to hide what a role cannot use.
 */
export const RESOURCE_ACCESS: Record<string, { read: readonly Role[]; write: readonly Role[] }> = {
  accounts: { read: ROLES, write: [] },
  posts: { read: ROLES, write: [] },
  transactions: { read: ROLES, write: [] },
  partnerships: { read: ROLES, write: [] },
  flags: { read: ROLES, write: [] },
  decisions: { read: ROLES, write: [] },
  staff: { read: ['admin'], write: ['admin'] },
  'api-keys': { read: ['admin'], write: ['admin'] },
  'audit-log': { read: ['admin', 'compliance'], write: [] },
  policies: { read: ROLES, write: ['admin', 'community_manager'] },
  'policy-versions': { read: ROLES, write: [] },
  'policy-lists': { read: ROLES, write: ['admin', 'community_manager', 'compliance'] },
  'rule-hits': { read: ROLES, write: [] },
  backtests: { read: ROLES, write: ['admin', 'community_manager'] },
  reports: { read: ROLES, write: [] },
  statements: { read: ROLES, write: [] },
  'board-alerts': { read: ROLES, write: [] },
  appeals: { read: ROLES, write: [] },
  'transparency-reports': { read: ['admin', 'compliance'], write: ['admin', 'compliance'] },
  'webhook-subscriptions': { read: ['admin'], write: ['admin'] },
  'webhook-deliveries': { read: ['admin'], write: ['admin'] },
  // Promoting, shadowing, retiring and training are changes to what judges every post.
  'model-versions': { read: ROLES, write: ['admin', 'community_manager'] },
  'model-training-runs': { read: ROLES, write: ['admin', 'community_manager'] },
  labels: { read: ['admin', 'community_manager', 'compliance', 'moderator'], write: ['admin', 'compliance'] },
  // Each queue's target time to decision, and its canned decision notes: the community managers' to tune.
  'queue-settings': { read: ROLES, write: ['admin', 'community_manager'] },
  'note-templates': { read: ROLES, write: ['admin', 'community_manager'] },
};

/** Who sees who holds which item and may release or reassign another person's claim. */
/** Who asks for compliance reports (disclosure evidence for a regulator). */
export const COMPLIANCE_REPORT_ROLES: readonly Role[] = ['admin', 'compliance'];

export const SUPERVISOR_ROLES: readonly Role[] = ['admin'];

/** Roles whose work needs identifiers as written; each unmasked view is audited. */
export const UNMASK_ROLES: readonly Role[] = ['admin', 'moderator', 'compliance'];

export function canAccess(role: Role, resource: string, action: string): boolean {
  const access = RESOURCE_ACCESS[resource];
  if (!access) return false;
  const write = ['create', 'edit', 'delete'].includes(action);
  return (write ? access.write : access.read).includes(role);
}

/**
 * Who works which queue: moderators and admins every queue, compliance the undisclosed ads,
 * community managers community health. The API checks it per flag; the console reads the same
 * table (through GET /api/auth/me) to show each role only the queues it works.
 */
export const QUEUE_WORKERS: Record<Role, readonly string[]> = {
  admin: QUEUES,
  moderator: QUEUES,
  compliance: ['undisclosed_ad'],
  community_manager: ['community'],
};

export function mayWorkQueue(role: Role, queue: string): boolean {
  return (QUEUE_WORKERS[role] ?? []).includes(queue);
}

/** What a signed-in role may do, as the console needs it to hide what would only answer 403. */
export function permissionsOf(role: Role) {
  return {
    queues: [...(QUEUE_WORKERS[role] ?? [])],
    resources: Object.fromEntries(
      Object.entries(RESOURCE_ACCESS).map(([name, a]) => [name, { read: a.read.includes(role), write: a.write.includes(role) }]),
    ),
    supervise: SUPERVISOR_ROLES.includes(role),
    complianceReports: COMPLIANCE_REPORT_ROLES.includes(role),
    editQueueSettings: RESOURCE_ACCESS['queue-settings']!.write.includes(role),
  };
}
