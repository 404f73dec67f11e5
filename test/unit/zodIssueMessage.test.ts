import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssueMessage } from '../../api/http/zodIssueMessage';
import { zodFieldErrors } from '../../api/http/problem';
import { appEnglish } from '../../console/src/i18n/en';
import { appChinese } from '../../console/src/i18n/zh';

function firstIssue(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues[0]!;
}
const keyOf = (schema: z.ZodType, value: unknown, input?: unknown) => zodIssueMessage(firstIssue(schema, value), input);
function lookup(messages: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages);
}

describe('zod issue → message key', () => {
  it('names string, number, array and date bounds with their limit, exclusive bounds apart', () => {
    expect(keyOf(z.string().min(3), 'ab')).toEqual({ key: 'validation.too_small.string', params: { limit: 3 } });
    expect(keyOf(z.string().max(2), 'abc')).toEqual({ key: 'validation.too_big.string', params: { limit: 2 } });
    expect(keyOf(z.number().max(1), 250)).toEqual({ key: 'validation.too_big.number', params: { limit: 1 } });
    expect(keyOf(z.number().int().min(0), -1)).toEqual({ key: 'validation.too_small.number', params: { limit: 0 } });
    expect(keyOf(z.number().gt(0), 0)).toEqual({ key: 'validation.too_small.number_exclusive', params: { limit: 0 } });
    expect(keyOf(z.number().lt(5), 5)).toEqual({ key: 'validation.too_big.number_exclusive', params: { limit: 5 } });
    expect(keyOf(z.array(z.string()).min(1), [])).toEqual({ key: 'validation.too_small.array', params: { limit: 1 } });
    expect(keyOf(z.date().min(new Date('2026-01-01T00:00:00Z')), new Date('2025-01-01T00:00:00Z'))).toEqual({
      key: 'validation.too_small.date',
      params: { limit: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('keys the issue by its code, not by a schema’s own wording', () => {
    expect(keyOf(z.string().min(12, 'at least 12 characters'), 'short')).toEqual({
      key: 'validation.too_small.string',
      params: { limit: 12 },
    });
  });

  it('names formats, options, unknown fields, multiples and unions', () => {
    expect(keyOf(z.email(), 'nope')).toEqual({ key: 'validation.invalid_format.email' });
    expect(keyOf(z.url(), 'nope')).toEqual({ key: 'validation.invalid_format.url' });
    expect(keyOf(z.string().regex(/^a$/), 'b')).toEqual({ key: 'validation.invalid_format.regex' });
    expect(keyOf(z.iso.datetime(), 'x')).toEqual({ key: 'validation.invalid_format.datetime' });
    expect(keyOf(z.enum(['post', 'transaction']), 'order')).toEqual({
      key: 'validation.invalid_value',
      params: { options: 'post, transaction' },
    });
    expect(keyOf(z.object({ a: z.string() }).strict(), { a: 'x', b: 1, c: 2 })).toEqual({
      key: 'validation.unrecognized_keys',
      params: { keys: 'b, c' },
    });
    expect(keyOf(z.number().multipleOf(5), 7)).toEqual({ key: 'validation.not_multiple_of', params: { divisor: 5 } });
    expect(keyOf(z.union([z.string(), z.number()]), true)).toEqual({ key: 'validation.invalid_union' });
  });

  it('tells a missing field from a mistyped one when it has the input', () => {
    const schema = z.object({ name: z.string() });
    expect(keyOf(schema, {}, {})).toEqual({ key: 'validation.required' });
    expect(keyOf(schema, { name: 5 }, { name: 5 })).toEqual({ key: 'validation.invalid_type', params: { expected: 'string' } });
    // Without the input there is nothing to tell them apart by.
    expect(keyOf(schema, {})).toEqual({ key: 'validation.invalid_type', params: { expected: 'string' } });
  });

  it('carries a refinement’s own words as a parameter', () => {
    expect(
      keyOf(
        z.number().refine((n) => n !== 0, 'weight must not be 0'),
        0,
      ),
    ).toEqual({ key: 'validation.custom', params: { detail: 'weight must not be 0' } });
  });

  it('puts key and params on every field error beside the English message and the zod code', () => {
    const schema = z.object({ items: z.array(z.object({ body: z.string().max(3) })) });
    const value = { items: [{ body: 'long' }] };
    const result = schema.safeParse(value);
    expect(zodFieldErrors(result.error!, '', value)).toEqual([
      {
        path: 'items[0].body',
        message: 'Too big: expected string to have <=3 characters',
        code: 'too_big',
        key: 'validation.too_big.string',
        params: { limit: 3 },
      },
    ]);
  });

  it('has every key it can give in both console catalogues', () => {
    const keys = [
      'validation.problem',
      'validation.required',
      'validation.invalid_type',
      'validation.invalid_value',
      'validation.unrecognized_keys',
      'validation.not_multiple_of',
      'validation.invalid_union',
      'validation.invalid_entry',
      'validation.invalid_json',
      'validation.invalid_encoding',
      'validation.custom',
      ...['string', 'number', 'number_exclusive', 'array', 'set', 'date', 'date_exclusive', 'file', 'other'].flatMap((o) => [
        `validation.too_small.${o}`,
        `validation.too_big.${o}`,
      ]),
      ...[
        'email',
        'url',
        'uuid',
        'regex',
        'datetime',
        'date',
        'time',
        'starts_with',
        'ends_with',
        'includes',
        'lowercase',
        'uppercase',
        'other',
      ].map((f) => `validation.invalid_format.${f}`),
    ];
    for (const key of keys) {
      expect(lookup(appEnglish, key), key).toBeTypeOf('string');
      expect(lookup(appChinese, key), key).toBeTypeOf('string');
    }
  });
});
