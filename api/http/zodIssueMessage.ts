import type { z } from 'zod';
import type { MessageParams } from '../../rules/messages/serverMessage';

/** A validation problem as a message key with parameters; the console's catalogues hold the text (`validation.*`). */
export interface IssueMessage {
  key: string;
  params?: MessageParams;
}

const SIZED_ORIGINS = new Set(['string', 'number', 'int', 'bigint', 'array', 'set', 'date', 'file']);
const FORMATS = new Set([
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
]);

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = input;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function limit(origin: string, value: unknown): string | number {
  if (origin === 'date' && (typeof value === 'number' || typeof value === 'bigint')) return new Date(Number(value)).toISOString();
  return typeof value === 'bigint' ? value.toString() : (value as number);
}

/**
 * The key and parameters of one zod issue, derived from the issue's code and its own fields (not
 * from its English message, which a schema may have reworded). `input` is the parsed value, when
 * the caller has it, to tell a missing field from one of the wrong type.
 */
export function zodIssueMessage(issue: z.core.$ZodIssue, input?: unknown): IssueMessage {
  switch (issue.code) {
    case 'invalid_type':
      if (input !== undefined && issue.path.length > 0 && valueAt(input, issue.path) === undefined) return { key: 'validation.required' };
      return { key: 'validation.invalid_type', params: { expected: String(issue.expected) } };
    case 'too_small':
    case 'too_big': {
      const origin = SIZED_ORIGINS.has(issue.origin)
        ? issue.origin === 'int' || issue.origin === 'bigint'
          ? 'number'
          : issue.origin
        : 'other';
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const exclusive = issue.inclusive === false && (origin === 'number' || origin === 'date');
      return { key: `validation.${issue.code}.${origin}${exclusive ? '_exclusive' : ''}`, params: { limit: limit(origin, bound) } };
    }
    case 'invalid_format':
      return FORMATS.has(issue.format)
        ? { key: `validation.invalid_format.${issue.format}` }
        : { key: 'validation.invalid_format.other', params: { format: issue.format } };
    case 'invalid_value':
      return { key: 'validation.invalid_value', params: { options: issue.values.map((v) => String(v)).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'validation.unrecognized_keys', params: { keys: issue.keys.join(', ') } };
    case 'not_multiple_of':
      return { key: 'validation.not_multiple_of', params: { divisor: Number(issue.divisor) } };
    case 'invalid_union':
      return { key: 'validation.invalid_union' };
    case 'invalid_key':
    case 'invalid_element':
      return { key: 'validation.invalid_entry' };
    default:
      // A refinement's own words: no catalogue can know them, so the English travels as a parameter.
      return { key: 'validation.custom', params: { detail: issue.message } };
  }
}
