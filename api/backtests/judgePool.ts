import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createPostJudge, type Judged, type PostToJudge } from '../../rules/backtest/postJudge';
import type { BrandDirectory } from '../../rules/facts/postFacts';
import type { PolicyDocument } from '../../rules/policy/document';
import type { PolicyLists } from '../../rules/policy/operators';
import { buildEvaluator } from '../policies/policyRuntime';

/** What every judge of one backtest shares: the two policies and what their facts read. */
export interface JudgeSetup {
  draft: PolicyDocument;
  compareWith: PolicyDocument | null;
  lists: PolicyLists;
  brands: BrandDirectory['brands'];
}

/** Judges pages of posts; pages sent one after another may be judged side by side, and each answer comes back in its own promise. */
export interface PostJudgePool {
  /** How many pages it judges at once. */
  size: number;
  judge(items: PostToJudge[]): Promise<Judged[]>;
  close(): Promise<void>;
}

/** The judge one setup makes, the same in the backtest's thread and in each worker. */
export function judgeOf(setup: JudgeSetup): (items: readonly PostToJudge[]) => Promise<Judged[]> {
  return createPostJudge(
    buildEvaluator(setup.draft, setup.lists),
    setup.compareWith ? buildEvaluator(setup.compareWith, setup.lists) : null,
    setup.lists,
    { brands: setup.brands },
  );
}

/** In the backtest's own thread: a short window does not repay starting workers. */
export function createInProcessJudge(setup: JudgeSetup): PostJudgePool {
  return { size: 1, judge: judgeOf(setup), close: async () => undefined };
}

/**
 * `size` worker threads, each given the next page when it has the fewest pages waiting. A worker
 * loads the TypeScript sources through tsx (a dependency: `npm start` runs on it), registered in
 * the worker itself before its entry is imported: a loader passed in a worker's execArgv is not
 * applied to the worker's entry on Node 20.
 */
export function createWorkerJudgePool(setup: JudgeSetup, size: number): PostJudgePool {
  // tsx/esm/api as an import resolves it (the require condition's copy does not load as ESM).
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./judgeWorker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  type Pending = { resolve: (judged: Judged[]) => void; reject: (err: Error) => void };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(bootstrap, { eval: true, workerData: setup, execArgv: [] });
    const pending = new Map<number, Pending>();
    let failed: Error | null = null;
    const fail = (err: Error) => {
      failed = err;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    worker.on('message', (m: { id: number; judged?: Judged[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(`backtest worker: ${m.error}`));
      else p.resolve(m.judged!);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (pending.size) fail(new Error(`backtest worker exited with code ${code}`));
    });
    return { worker, pending, failed: () => failed };
  });
  let nextId = 0;
  return {
    size,
    judge(items) {
      const w = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const failed = w.failed();
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise<Judged[]>((resolve, reject) => {
        w.pending.set(id, { resolve, reject });
        w.worker.postMessage({ id, items });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
