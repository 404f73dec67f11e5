import type { Request } from 'express';
import type { Clock } from '../deps';
import type { Actor } from './auditLog';

/** Who did a thing, in which request and when: what a service needs to write the audit row beside the change. */
export interface StaffAction {
  staffId: number;
  requestId: string;
  at: Date;
}

/** The acting person of a signed-in request (the route's role check has already run). */
export function staffActionOf(req: Request, clock: Clock): StaffAction {
  return { staffId: req.staff!.id, requestId: req.id as string, at: clock.now() };
}

export function auditActor(action: StaffAction): Actor {
  return { kind: 'staff', staffId: action.staffId };
}
