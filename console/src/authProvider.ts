import type { AuthProvider } from 'react-admin';
import { canAccess } from '../../contract/access';
import type { Role } from '../../contract/access';
import { httpClient } from './dataProvider';
import type { Me } from '../../contract/schemas/session';

/** What the signed-in role may do, from the API's own role table (GET /api/auth/me, contract/schemas/session.ts). */
export type Permissions = Me['permissions'] & { role: Role };

const SIGNED_OUT: Promise<Me | null> = Promise.resolve(null);

/** Cookie session: the API keeps the session; this only remembers who is signed in for the menus. */
export function createAuthProvider(): AuthProvider {
  let me: Promise<Me | null> | null = null;
  const whoAmI = () => {
    me ??= fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then((r) =>
      r.ok ? (r.json() as Promise<Me>) : null,
    );
    return me;
  };
  return {
    async login({ username, email, password }: { username?: string; email?: string; password: string }) {
      me = null;
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email: email ?? username, password }),
      });
      if (!res.ok) {
        const problem = (await res.json().catch(() => ({}))) as { detail?: string };
        throw new Error(problem.detail ?? 'ra.auth.sign_in_error');
      }
      // A signed-out answer fetched while the sign-in was on its way is stale now.
      me = null;
    },
    async logout() {
      if (await whoAmI()) await httpClient('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      // Signed out is known now: the sign-in page's own checks must not ask the API again (each a logged 401).
      me = SIGNED_OUT;
    },
    async checkAuth() {
      // A signed-out answer is remembered too: the sign-in page asks often, and each 401 would be logged.
      if (!(await whoAmI())) throw new Error('ra.auth.auth_check_error');
    },
    async checkError(error: { status?: number }) {
      if (error?.status === 401) {
        me = SIGNED_OUT;
        throw new Error('ra.notification.logged_out');
      }
    },
    async getIdentity() {
      const who = await whoAmI();
      if (!who) throw new Error('ra.auth.auth_check_error');
      return { id: who.id, fullName: who.displayName, role: who.role, email: who.email };
    },
    async getPermissions(): Promise<Permissions | null> {
      const who = await whoAmI();
      if (!who) return null;
      return {
        role: who.role,
        queues: who.permissions?.queues ?? [],
        resources: who.permissions?.resources ?? {},
        supervise: who.permissions?.supervise ?? false,
        complianceReports: who.permissions?.complianceReports ?? false,
        editQueueSettings: who.permissions?.editQueueSettings ?? false,
      };
    },
    async canAccess({ resource, action }) {
      const who = await whoAmI();
      if (!who) return false;
      // Pages that are not resources (dashboard, custom routes) are open to every signed-in role.
      if (!resource) return true;
      return canAccess(who.role, resource, action);
    },
  };
}
