import type { RequestHandler, Router } from 'express';
import type { Role } from '../../contract/access';
import { allowRoles } from '../auth/middleware';

export type Access = { staff: readonly Role[] } | 'api_key' | 'public';

export interface RouteDecl {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  access: Access;
}

/**
 * Routes are declared with the access they allow and collected in a table per app, so the
 * security tests can walk every route and a route cannot be added without saying who may call it.
 */
export class RouteTable {
  readonly routes: RouteDecl[] = [];

  staff(router: Router, mount: string, method: RouteDecl['method'], path: string, roles: readonly Role[], ...handlers: RequestHandler[]): void {
    this.routes.push({ method, path: mount + path, access: { staff: roles } });
    router[method](path, allowRoles(roles), ...handlers);
  }

  record(decl: RouteDecl): void {
    this.routes.push(decl);
  }
}
