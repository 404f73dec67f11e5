import { STAFF_ROLES } from '../../migrations/002_staff_and_audit';

export type Role = (typeof STAFF_ROLES)[number];
export const ROLES: readonly Role[] = STAFF_ROLES;
