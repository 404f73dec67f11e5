import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import { requireApiKey } from '../auth/middleware';
import { HttpProblem, parseOrThrow, problems, sendProblem, type FieldError } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ingestPosts } from '../ingest/ingestPosts';
import { ingestTransactions } from '../ingest/ingestTransactions';
import type { IngestedItem } from '../ingest/ingestResult';
import { batchSchema, isBatchBody, postInputSchema, transactionInputSchema } from '../schemas/ingest';

/** Validates the whole request before anything is written: shape, then repeated ids within the batch. */
function readBatch<S extends z.ZodType<{ id: string }>>(schema: S, body: unknown): { items: z.infer<S>[]; batch: boolean } {
  if (!isBatchBody(body)) return { items: [parseOrThrow(schema, body)], batch: false };
  const { items } = parseOrThrow(batchSchema(schema), body);
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  items.forEach((item: { id: string }, i: number) => {
    const first = seen.get(item.id);
    if (first !== undefined) errors.push({ path: `items[${i}].id`, message: `repeats items[${first}].id` });
    else seen.set(item.id, i);
  });
  if (errors.length) throw problems.validation(errors, 'A batch may hold each id once.');
  return { items, batch: true };
}

function answer(res: express.Response, items: IngestedItem[]): void {
  res.status(items.some((i) => i.created) ? 201 : 200).json({ items });
}

export function ingestRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  router.use(express.json({ limit: '12mb' }));
  router.use(requireApiKey(deps));
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.config.ingestRateLimit,
      keyGenerator: (req) => `key:${req.apiKey!.id}`,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, res) => sendProblem(res, new HttpProblem(429, 'rateLimited', 'Rate limit reached', 'Slow down; see the RateLimit headers.'), req.originalUrl, req.id as string),
    }),
  );

  table.record({ method: 'post', path: '/api/v1/posts', access: 'api_key' });
  router.post('/posts', async (req, res) => {
    const { items } = readBatch(postInputSchema, req.body);
    answer(res, await ingestPosts(deps.db, req.apiKey!.source, items, deps.clock.now(), { runtime: deps.policyRuntime!, scorer: deps.scorer }));
  });

  table.record({ method: 'post', path: '/api/v1/transactions', access: 'api_key' });
  router.post('/transactions', async (req, res) => {
    const { items } = readBatch(transactionInputSchema, req.body);
    answer(res, await ingestTransactions(deps.db, req.apiKey!.source, items, deps.clock.now(), { runtime: deps.policyRuntime! }));
  });

  return router;
}
