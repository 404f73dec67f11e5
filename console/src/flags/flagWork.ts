import { httpClient } from '../dataProvider';
import { callApi } from '../common/callApi';
import { ROUTES } from '../../../contract/routes';
import type { FlagDecision } from './reasonTemplates';

/** The moderation endpoints a flag is worked through: a claim (a lock that expires), then a decision or a release. */
export const claimFlag = (id: string | number) => callApi(ROUTES.flagClaim, { params: { id } });
export const releaseFlag = (id: string | number) => callApi(ROUTES.flagRelease, { params: { id } });
export const decideFlag = (id: string | number, decision: FlagDecision) => callApi(ROUTES.flagDecide, { params: { id }, body: decision });

/** The item page's one answer (see api/moderation/workbench.ts). */
export type Workbench = {
  flag: Record<string, any>;
  post: Record<string, any> | null;
  order: Record<string, any> | null;
  thread: Record<string, any> | null;
  reports: Record<string, any>[];
  author: Record<string, any> | null;
  itemDecisions: Record<string, any>[];
  referredOrders: Record<string, any>[];
};

export const fetchWorkbench = async (id: number) => (await httpClient(`/api/flags/${id}/workbench`)).json as Workbench;

/** Claims the next unheld item of a queue, with its page; null when the queue is empty. */
export const claimNext = async (queue: string, skip: number[] = []) =>
  (await httpClient('/api/flags/next', { method: 'POST', body: JSON.stringify({ queue, skip }) })).json as {
    id: number | null;
    workbench?: Workbench | null;
  };
