import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../../api/ingest/coalescer';

type Item = { id: string; bad?: boolean };

function recorder(delayMs = 20) {
  const calls: string[][] = [];
  const write = async (_key: string, items: Item[]) => {
    calls.push(items.map((i) => i.id));
    await new Promise((r) => setTimeout(r, delayMs));
    if (items.some((i) => i.bad)) throw new Error(`bad item in ${items.map((i) => i.id).join(',')}`);
    return items.map((i) => `stored ${i.id}`);
  };
  return { calls, write };
}

describe('single-request coalescer', () => {
  it('writes at once when a lane is free, and groups what arrives while every lane is busy', async () => {
    const r = recorder();
    const c = createCoalescer(r.write, { lanes: 1, maxGroup: 10 });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => c.submit('k', { id })));
    expect(results).toEqual(['stored a', 'stored b', 'stored c', 'stored d']);
    expect(r.calls).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('retries a failed group one by one, so only the bad request fails', async () => {
    const r = recorder();
    const c = createCoalescer(r.write, { lanes: 1, maxGroup: 10 });
    const outcomes = await Promise.allSettled([
      c.submit('k', { id: 'first' }),
      c.submit('k', { id: 'ok' }),
      c.submit('k', { id: 'broken', bad: true }),
      c.submit('k', { id: 'fine' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(r.calls).toEqual([['first'], ['ok', 'broken', 'fine'], ['ok'], ['broken'], ['fine']]);
  });

  it('never puts the same id twice in one group, and keeps keys apart', async () => {
    const r = recorder();
    const c = createCoalescer(r.write, { lanes: 1, maxGroup: 10 });
    await Promise.all([c.submit('k', { id: 'x' }), c.submit('k', { id: 'y' }), c.submit('k', { id: 'y' }), c.submit('other', { id: 'y' })]);
    for (const call of r.calls) expect(new Set(call).size).toBe(call.length);
    expect(r.calls.flat().filter((id) => id === 'y')).toHaveLength(3);
  });
});
