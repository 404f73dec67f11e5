import { ROLES, type Role } from './roles';

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
};

export function canAccess(role: Role, resource: string, action: string): boolean {
  const access = RESOURCE_ACCESS[resource];
  if (!access) return false;
  const write = ['create', 'edit', 'delete'].includes(action);
  return (write ? access.write : access.read).includes(role);
}
