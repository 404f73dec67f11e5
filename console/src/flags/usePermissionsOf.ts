import { usePermissions } from 'react-admin';
import type { Permissions } from '../authProvider';
import { QUEUES } from '../../../contract/enums';

/** The signed-in role's queues; while they load, none (nothing is shown that might answer 403). */
export function useWorkedQueues(): { queues: readonly string[]; all: boolean; isPending: boolean; permissions: Permissions | undefined } {
  const { permissions, isPending } = usePermissions<Permissions>();
  const queues = permissions?.queues ?? [];
  return { queues, all: QUEUES.every((q) => queues.includes(q)), isPending, permissions };
}
