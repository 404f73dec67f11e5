import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleAssets } from '../../api/http/consoleAssets';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-assets-'));
const script = 'export const x = 1;\n'.repeat(200);
fs.mkdirSync(path.join(dir, 'assets'));
fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), script);
fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(script));
fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(script));
fs.writeFileSync(path.join(dir, 'assets', 'small-def456.js'), 'export {};');
const app = express()
  .use(consoleAssets(dir))
  .use((_req, res) => res.status(404).send('fell through'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the console assets, precompressed', () => {
  it('sends the brotli copy to a browser that takes it, gzip to one that takes only gzip, both cached for a year', async () => {
    // The client decodes what it is sent, as a browser does: the text must come back whole.
    const br = await request(app).get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.text).toBe(script);
    expect(Number(br.headers['content-length'])).toBe(fs.statSync(path.join(dir, 'assets', 'index-abc123.js.br')).size);

    const gz = await request(app).get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(script);
  });

  it('sends the file itself when no copy exists or none is accepted', async () => {
    const plain = await request(app).get('/assets/index-abc123.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(script);
    const small = await request(app).get('/assets/small-def456.js').set('Accept-Encoding', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.text).toBe('export {};');
  });

  it('leaves unknown names, the copies themselves and paths outside assets to what follows', async () => {
    for (const url of ['/assets/missing.js', '/assets/index-abc123.js.br', '/assets/..%2Fsecret', '/index.html']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(404);
      expect(res.text).toBe('fell through');
    }
  });
});
