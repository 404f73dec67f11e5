/*
 * A worker thread's entry: judges the pages of posts a backtest sends it (api/backtests/judgePool.ts)
 * with the policies it was started with, so the facts of a long window are computed on every core
 * while the backtest's own thread reads the next pages and keeps the running windows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PostToJudge } from '../../rules/backtest/postJudge';
import { judgeOf, type JudgeSetup } from './judgePool';

const judge = judgeOf(workerData as JudgeSetup);
const port = parentPort!;
port.on('message', (message: { id: number; items: PostToJudge[] }) => {
  judge(message.items).then(
    (judged) => port.postMessage({ id: message.id, judged }),
    (err: unknown) => port.postMessage({ id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
