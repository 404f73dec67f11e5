import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

const ASSET_NAME = /^[\w.-]+$/;
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/**
 * The console's built scripts and styles (`/assets/<name>-<hash>.js`), served from the brotli or
 * gzip copies the build writes beside them: nothing is compressed per request, and a name that
 * carries its content's hash may be kept by the browser for a year. Anything else falls through.
 */
export function consoleAssets(dir: string): RequestHandler {
  const assets = path.join(dir, 'assets');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const match = /^\/assets\/([^/]+)$/.exec(req.path);
    const name = match?.[1];
    if (!name || !ASSET_NAME.test(name) || name.endsWith('.br') || name.endsWith('.gz')) return next();
    const file = path.join(assets, name);
    if (!fs.existsSync(file)) return next();
    // The smallest copy the browser takes (brotli first), rather than the first it happens to list.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && fs.existsSync(file + e.ext));
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type(path.extname(name));
    if (encoding) res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(encoding ? file + encoding.ext : file, { cacheControl: false }, (err) => err && next(err));
  };
}
