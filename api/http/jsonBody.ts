import express, { type RequestHandler } from 'express';
import { problems, formatPath, type FieldError } from './problem';
import { textProblem } from '../../contract/schemas/common';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_REPORTED = 50;

/**
 * Every string in a parsed body, keys included, checked once for what PostgreSQL cannot store
 * (NUL, unpaired surrogates). Routes then never need to remember it field by field, and a
 * document stored as jsonb (a policy draft) is covered as well as typed fields.
 */
export function unsafeTextErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  // One path stack, pushed and popped: bodies may nest thousands deep.
  const path: PropertyKey[] = [];
  const walk = (v: unknown) => {
    if (errors.length >= MAX_REPORTED) return;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) errors.push({ path: formatPath(path), message: problem, code: 'invalid_text' });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        path.push(i);
        walk(x);
        path.pop();
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const keyProblem = textProblem(k);
        if (keyProblem) {
          errors.push({ path: formatPath(path), message: `a key ${keyProblem}`, code: 'invalid_text' });
          continue;
        }
        path.push(k);
        walk(x);
        path.pop();
      }
    }
  };
  walk(value);
  return errors;
}

/**
 * JSON bodies, refused unless they are valid UTF-8 (body-parser would otherwise replace broken
 * bytes with U+FFFD and hand the route text nobody sent) and unless every string in them can be
 * stored as sent: `"\ud800"` is valid JSON but decodes to a lone surrogate.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = express.json({
    limit,
    verify: (_req, _res, buf) => {
      try {
        strictUtf8.decode(buf);
      } catch {
        throw Object.assign(new Error('The body is not valid UTF-8.'), { status: 400 });
      }
    },
  });
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err) return next(err);
      const errors = unsafeTextErrors(req.body);
      if (errors.length) return next(problems.validation(errors, 'The body holds text that cannot be stored as sent.'));
      next();
    });
}
