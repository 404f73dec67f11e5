import type { RequestHandler, Router } from 'express';
import { CONTRACT_ROUTES, type ContractRoute, type RouteAccess } from '../../contract/routes';
import { allowRoles } from '../auth/middleware';

export type Access = RouteAccess;

export interface RouteDecl {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express style: /api/staff/:id. */
  path: string;
  access: Access;
  contract: ContractRoute;
}

/** /api/staff/{id} → /api/staff/:id */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Every handler is registered against a route of the contract (contract/routes.ts), which says
 * who may call it; the table refuses a route the contract lacks or one registered twice, and
 * assertComplete() refuses an app that left a contract route without a handler. The security
 * tests walk the table.
 */
export class RouteTable {
  readonly routes: RouteDecl[] = [];
  private readonly known = new Set<ContractRoute>(CONTRACT_ROUTES);
  private readonly registered = new Set<ContractRoute>();

  route(router: Router, mount: string, entry: ContractRoute, ...handlers: RequestHandler[]): void {
    const path = expressPath(entry.path);
    if (!this.known.has(entry)) throw new Error(`${entry.method.toUpperCase()} ${entry.path} is not in contract/routes.ts`);
    if (this.registered.has(entry)) throw new Error(`${entry.method.toUpperCase()} ${entry.path} is registered twice`);
    if (!path.startsWith(mount)) throw new Error(`${entry.path} is not under ${mount}`);
    this.registered.add(entry);
    this.routes.push({ method: entry.method, path, access: entry.access, contract: entry });
    const guard: RequestHandler[] = typeof entry.access === 'object' ? [allowRoles(entry.access.staff)] : [];
    router[entry.method](path.slice(mount.length) || '/', ...guard, ...handlers);
  }

  /** Contract routes no handler was registered for. */
  missing(): ContractRoute[] {
    return CONTRACT_ROUTES.filter((r) => !this.registered.has(r));
  }

  assertComplete(): void {
    const missing = this.missing();
    if (missing.length)
      throw new Error(`contract routes without a handler: ${missing.map((r) => `${r.method.toUpperCase()} ${r.path}`).join(', ')}`);
  }
}
