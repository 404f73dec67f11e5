import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { fetchWorkbench } from './flagWork';

/** How many of the queue's first items are looked at for one nobody else holds. */
const LOOK_AHEAD = 5;
/** How long the page is shown before it looks ahead: its requests must not slow the page's own drawing. */
const SETTLE_MS = 300;

/**
 * The item a decision here would most likely open next (the queue's first open item after this
 * one that nobody else holds, in the order the claim of the next item takes them), with its page
 * fetched ahead into the cache. Nothing is claimed: the decision claims it, and falls back to
 * claiming whatever is next when someone took it meanwhile.
 */
export function usePeekNext(queue: string | undefined, currentId: number, enabled: boolean): number | null {
  const dataProvider = useDataProvider();
  const queryClient = useQueryClient();
  const [settled, setSettled] = useState<number | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(currentId), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [currentId]);
  const { data } = useQuery({
    queryKey: ['peek-next', queue, currentId],
    enabled: enabled && !!queue && settled === currentId,
    staleTime: 30_000,
    queryFn: async () => {
      const { data: rows } = await dataProvider.getList('flags', {
        filter: { status: 'open', queue },
        sort: { field: 'priority', order: 'DESC' },
        pagination: { page: 1, perPage: LOOK_AHEAD },
      });
      const now = Date.now();
      // Held by nobody, as the claim of the next item takes them: an item this moderator holds is
      // the one open here or one whose decision waits out its undo time.
      const free = rows.find((r) => Number(r.id) !== currentId && (!r.claimedUntil || new Date(r.claimedUntil as string).getTime() <= now));
      if (!free) return null;
      const id = Number(free.id);
      await queryClient.prefetchQuery({ queryKey: ['workbench', id], queryFn: () => fetchWorkbench(id) });
      return id;
    },
  });
  return data ?? null;
}
