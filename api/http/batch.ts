import type { z } from 'zod';
import { parseOrThrow, problems, type FieldError } from './problem';
import { batchSchema, isBatchBody } from '../../contract/schemas/ingest';

/** Validates the whole request before anything is written: shape, then repeated ids within the batch. */
export function readBatch<S extends z.ZodType<{ id: string }>>(schema: S, body: unknown): { items: z.infer<S>[]; batch: boolean } {
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
