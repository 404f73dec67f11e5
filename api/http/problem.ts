import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { MessageParams } from '../../rules/messages/serverMessage';
import { zodIssueMessage } from './zodIssueMessage';

/** Stable problem types; the path part never changes once published. */
export const PROBLEM_TYPES = {
  validation: 'validation-error',
  badRequest: 'bad-request',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  rateLimited: 'rate-limited',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  internal: 'internal-error',
  unavailable: 'service-unavailable',
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface FieldError {
  /** JSON path of the offending value, e.g. `items[3].body` or `sort`. */
  path: string;
  /** English, for people and for clients that know no keys. */
  message: string;
  code?: string;
  /** Message key (`validation.*`) and parameters the console renders in its own language. */
  key?: string;
  params?: MessageParams;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: ProblemType,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }
}

export const problems = {
  // The general detail has a key too (`key` beside `detail`); a route's own detail is English only.
  validation: (errors: FieldError[], detail?: string) =>
    new HttpProblem(
      400,
      'validation',
      'Invalid request',
      detail ?? 'The request did not pass validation.',
      errors,
      detail === undefined ? { key: 'validation.problem' } : undefined,
    ),
  badRequest: (detail: string) => new HttpProblem(400, 'badRequest', 'Bad request', detail),
  unauthenticated: (detail = 'Sign in first.') => new HttpProblem(401, 'unauthenticated', 'Not signed in', detail),
  forbidden: (detail = 'Your role does not allow this.') => new HttpProblem(403, 'forbidden', 'Forbidden', detail),
  notFound: (detail = 'No such resource.') => new HttpProblem(404, 'notFound', 'Not found', detail),
  conflict: (detail: string, extra?: Record<string, unknown>) => new HttpProblem(409, 'conflict', 'Conflict', detail, undefined, extra),
  unavailable: (detail: string) => new HttpProblem(503, 'unavailable', 'Service unavailable', detail),
};

/** Formats a zod issue path as a JSON path a person can read: `items[3].author.id`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** `input`, when given, is the value that was parsed: it tells a missing field from a mistyped one. */
export function zodFieldErrors(error: z.ZodError, prefix = '', input?: unknown): FieldError[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path, prefix),
    message: issue.message,
    code: issue.code,
    ...zodIssueMessage(issue, input),
  }));
}

/** Parses with zod and throws a 400 problem naming every failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.validation(zodFieldErrors(result.error, prefix, value));
  return result.data;
}

function problemBody(p: HttpProblem, instance: string, requestId: string | undefined) {
  return {
    type: `/problems/${PROBLEM_TYPES[p.kind]}`,
    title: p.title,
    status: p.status,
    detail: p.detail,
    // What a generic client (ra-core's fetchJson, for one) shows as the error: title and detail together.
    message: p.detail ? `${p.title}: ${p.detail}` : p.title,
    instance,
    ...(requestId ? { requestId } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
    ...(p.extra ?? {}),
  };
}

export function sendProblem(res: Parameters<RequestHandler>[1], p: HttpProblem, instance: string, requestId?: string): void {
  res
    .status(p.status)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(p, instance, requestId)));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, problems.notFound(`No route for ${req.method} ${req.path}.`), req.originalUrl, req.id as string | undefined);
};

/** Turns anything thrown into problem+json; internals never leak into the body. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = req.id as string | undefined;
    let problem: HttpProblem;
    if (err instanceof HttpProblem) {
      problem = err;
    } else if (err instanceof z.ZodError) {
      problem = problems.validation(zodFieldErrors(err));
    } else if (err && typeof err === 'object' && 'type' in err && (err as { type: unknown }).type === 'entity.parse.failed') {
      problem = problems.validation(
        [{ path: '(body)', message: 'The body is not valid JSON.', code: 'invalid_json', key: 'validation.invalid_json' }],
        'The body is not valid JSON.',
      );
    } else if (err && typeof err === 'object' && 'type' in err && (err as { type: unknown }).type === 'entity.verify.failed') {
      // Thrown by jsonBody's check: bytes that are not UTF-8.
      problem = problems.validation(
        [{ path: '(body)', message: 'The body is not valid UTF-8.', code: 'invalid_encoding', key: 'validation.invalid_encoding' }],
        'The body is not valid UTF-8.',
      );
    } else if (err && typeof err === 'object' && 'type' in err && (err as { type: unknown }).type === 'entity.too.large') {
      problem = new HttpProblem(413, 'payloadTooLarge', 'Payload too large', 'The body is larger than this route accepts.');
    } else if (
      err &&
      typeof err === 'object' &&
      'status' in err &&
      typeof (err as { status: unknown }).status === 'number' &&
      (err as { status: number }).status < 500
    ) {
      const status = (err as { status: number }).status;
      problem = new HttpProblem(status, 'badRequest', 'Bad request', err instanceof Error ? err.message : 'Bad request.');
    } else {
      logger.error({ err, requestId }, 'unhandled error');
      problem = new HttpProblem(
        500,
        'internal',
        'Internal error',
        'Something went wrong on our side; the request id identifies it in the logs.',
      );
    }
    if (res.headersSent) return;
    sendProblem(res, problem, req.originalUrl, requestId);
  };
}
