import express, { type RequestHandler } from 'express';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies, refused unless they are valid UTF-8: body-parser would otherwise replace broken
 * bytes with U+FFFD and hand the route text nobody sent.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, buf) => {
      try {
        strictUtf8.decode(buf);
      } catch {
        throw Object.assign(new Error('The body is not valid UTF-8.'), { status: 400 });
      }
    },
  });
}
