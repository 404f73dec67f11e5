/**
 * Groups single-item requests that arrive while earlier ones are being written, so that under
 * load many posts share one transaction (one set of round trips) instead of paying for one each.
 * Nothing waits on a timer: an idle lane writes a request at once; only requests that arrive
 * while every lane is busy are grouped, up to `maxGroup`.
 *
 * A group fails as a whole (one item may name a thread nobody sent); then each of its requests is
 * written again on its own, so one bad request never fails another.
 */
export interface Coalescer<T extends { id: string }, R> {
  submit(key: string, item: T): Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export function createCoalescer<T extends { id: string }, R>(
  write: (key: string, items: T[]) => Promise<R[]>,
  options: { lanes: number; maxGroup: number },
): Coalescer<T, R> {
  const queues = new Map<string, Array<Waiting<T, R>>>();
  const busy = new Map<string, number>();

  async function drain(key: string): Promise<void> {
    const queue = queues.get(key);
    if (!queue?.length || (busy.get(key) ?? 0) >= options.lanes) return;
    // One group never holds the same id twice: the second copy waits for the next group.
    const group: Array<Waiting<T, R>> = [];
    const ids = new Set<string>();
    for (let i = 0; i < queue.length && group.length < options.maxGroup;) {
      const w = queue[i]!;
      if (ids.has(w.item.id)) {
        i++;
        continue;
      }
      ids.add(w.item.id);
      group.push(w);
      queue.splice(i, 1);
    }
    busy.set(key, (busy.get(key) ?? 0) + 1);
    try {
      if (group.length === 1) {
        const w = group[0]!;
        await write(key, [w.item]).then((r) => w.resolve(r[0]!), w.reject);
      } else {
        try {
          const results = await write(
            key,
            group.map((w) => w.item),
          );
          group.forEach((w, i) => w.resolve(results[i]!));
        } catch {
          for (const w of group) await write(key, [w.item]).then((r) => w.resolve(r[0]!), w.reject);
        }
      }
    } finally {
      busy.set(key, (busy.get(key) ?? 1) - 1);
      void drain(key);
    }
  }

  return {
    submit(key, item) {
      return new Promise<R>((resolve, reject) => {
        const queue = queues.get(key) ?? [];
        queue.push({ item, resolve, reject });
        queues.set(key, queue);
        void drain(key);
      });
    },
  };
}
