import type { Role } from '../../contract/access';

export interface StaffPrincipal {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  locale: string;
  /** How the request proved who it is; CSRF checks apply only to cookies. */
  via: 'cookie' | 'bearer';
}

export interface ApiKeyPrincipal {
  id: number;
  name: string;
  source: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      staff?: StaffPrincipal;
      apiKey?: ApiKeyPrincipal;
      /** A cookie session came without its CSRF token; the request is treated as signed out for changes. */
      csrfRejected?: boolean;
      /** The session's row key, for recording its read fence. */
      sessionTokenHash?: string;
      /** Reads stay on the primary until the standby has replayed past this (api/db/readRouting.ts). */
      readFence?: { lsn: string; at: Date } | null;
    }
  }
}
