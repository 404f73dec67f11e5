import fs from 'node:fs';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOnnxScorer, SHIPPED_MODEL, type OnnxScorer } from '../../models/runtime/onnxScorer';
import { readOnnxModel } from '../../models/runtime/onnxModel';
import { createReferenceScorer } from '../../models/runtime/referenceScorer';
import {
  featurize,
  FEATURIZER_VERSION,
  fnv1a,
  fnvFeed,
  fnvFinish,
  FNV_OFFSET,
  GUARDS,
  MAX_TEXT_CHARS,
} from '../../models/runtime/featurizer';
import { normalizeForMatch } from '../../rules/text/normalize';
import { loadCorpora } from '../../models/training/corpora';
import { binaryMetrics } from '../../models/training/metrics';
import { readSealedResults, readSealedRows, sealedHash } from '../../models/training/sealedTest';

let onnx: OnnxScorer;
const fixtures = [
  '加我微信 abc12345 私聊，全网最低价',
  '這個耳機音質怎麼樣？',
  'Check out my channel!!! https://bit.example/abc',
  '【广告】声悦 Air3 降噪耳机上新，点击 https://shop.example/p/1 下单立减',
  'Had my power bank for three months, battery is fine.',
  '',
  '🛰🛰🛰 vx:dealz_1569',
];

beforeAll(async () => {
  onnx = await loadOnnxScorer();
});

/*
 * The features of every text in the public corpora, the fixtures and a few awkward strings, as the
 * featurizer the shipped model was trained with computed them. Any change to what featurize
 * returns, even one meant only to be faster, must change FEATURIZER_VERSION, retrain, and update
 * this digest. The written posts and the template set are left out because they are ours and grow;
 * their texts are featurized by the same code.
 */
const TRAINED_FEATURES_DIGEST = '5f62b175e96e3e2b2674de0f2f9784b8729f2e50c49f6c18a7961044ba5b1f45';
const AWKWARD = [
  '',
  ' ',
  '\uD800',
  'a\uDC00b',
  '𠀀𠀁 emoji 😀😀😀 #ad',
  'x'.repeat(5000),
  '价格 ¥99 加vx abc_123 www.shop.example/x?y=1 !!!',
  'CODE save20 use my code SAVE20',
  '1234567 12 123456789012',
];

describe('the featurizer', () => {
  it('gives exactly the features the shipped model was trained on', () => {
    const digest = createHash('sha256');
    for (const text of [
      ...loadCorpora()
        .filter((e) => e.corpus !== 'posts' && e.corpus !== 'templates')
        .map((e) => e.text),
      ...fixtures,
      ...AWKWARD,
    ]) {
      const x = featurize(text);
      digest.update(Buffer.from(x.indices.buffer, x.indices.byteOffset, x.indices.byteLength));
      digest.update(Buffer.from(x.values.buffer, x.values.byteOffset, x.values.byteLength));
      digest.update('|');
    }
    expect(digest.digest('hex')).toBe(TRAINED_FEATURES_DIGEST);
  });

  it('never lets a cheap guard rule out text its costly pattern would match', () => {
    // Fragments that the patterns look for, in any case and width, among arbitrary characters.
    const fragment = fc.constantFrom(
      'http://',
      'HTTPS://',
      'ｈｔｔｐ://',
      'WWW.',
      'www.',
      'code',
      'CODE',
      'Promo Code',
      'ＣＯＤＥ',
      '优惠码',
      '優惠碼',
      '码',
      '😀',
      '©',
      '®',
      '‼',
      '™',
      '中',
      '文',
      'カ',
      'ｶ',
      'ㄱ',
      'ᄀ',
      '𠀀',
      'ſ',
      'K',
      ' ',
      'a1',
    );
    const text = fc
      .array(fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (raw) => {
        const nfkc = raw.normalize('NFKC');
        const seen = { nfkc, body: normalizeForMatch(nfkc) };
        for (const { name, guard, pattern, sees } of GUARDS) {
          if (seen[sees].search(pattern) >= 0) expect(guard(seen[sees]), `${name}: ${JSON.stringify(raw)}`).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('hashes an n-gram fed in pieces as it hashes the whole string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(fnvFinish(fnvFeed(fnvFeed(FNV_OFFSET, a), b))).toBe(fnv1a(a + b));
      }),
    );
  });
});

describe('the shipped classifier', () => {
  it('carries its metadata and matches this build’s featurizer', () => {
    const { metadata } = readOnnxModel(fs.readFileSync(SHIPPED_MODEL));
    expect(metadata.featurizer_version).toBe(FEATURIZER_VERSION);
    expect(metadata.labels).toBe('spam_zh,spam_en,promo');
    expect(metadata.opset).toBe('13');
    expect(metadata.training_data_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(metadata.thresholds)).toEqual({
      spam_zh: expect.any(Number),
      spam_en: expect.any(Number),
      promo: expect.any(Number),
    });
    expect(fs.statSync(SHIPPED_MODEL).size).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it('agrees with the TypeScript reference scorer within 1e-5', async () => {
    const { weights, metadata } = readOnnxModel(fs.readFileSync(SHIPPED_MODEL));
    const reference = createReferenceScorer(weights, metadata.model_version);
    const texts = [
      ...fixtures,
      ...loadCorpora()
        .filter((_, i) => i % 97 === 0)
        .map((e) => e.text),
    ];
    const a = await onnx.scoreTexts(texts);
    const b = await reference.scoreTexts(texts);
    a.forEach((s, i) => {
      expect(Math.abs(s.spam - b[i]!.spam), texts[i]).toBeLessThan(1e-5);
      expect(Math.abs(s.promo - b[i]!.promo), texts[i]).toBeLessThan(1e-5);
    });
  });

  it('scores a batch as it scores one text at a time (to float rounding: the padded width changes the summation order)', async () => {
    const batch = await onnx.scoreTexts(fixtures);
    for (const [i, text] of fixtures.entries()) {
      const [one] = await onnx.scoreTexts([text]);
      expect(Math.abs(one!.spam - batch[i]!.spam)).toBeLessThan(1e-6);
      expect(Math.abs(one!.promo - batch[i]!.promo)).toBeLessThan(1e-6);
    }
  });

  it('puts every score back in its text’s place when runs are cut from rows sorted by width', async () => {
    const { weights, metadata } = readOnnxModel(fs.readFileSync(SHIPPED_MODEL));
    const reference = createReferenceScorer(weights, metadata.model_version);
    // Widths that differ, in an order that sorting must change; windows and runs smaller than the input.
    const texts = [
      ...fixtures,
      ...loadCorpora()
        .filter((_, i) => i % 401 === 0)
        .map((e) => e.text),
    ];
    const small = await loadOnnxScorer(SHIPPED_MODEL, { maxBatch: 3, sortWindow: 10 });
    const [a, b] = await Promise.all([small.scoreTexts(texts), reference.scoreTexts(texts)]);
    expect(a).toHaveLength(texts.length);
    a.forEach((s, i) => {
      expect(Math.abs(s.spam - b[i]!.spam), texts[i]).toBeLessThan(1e-5);
      expect(Math.abs(s.promo - b[i]!.promo), texts[i]).toBeLessThan(1e-5);
    });
  });

  it('never crashes on empty, very long or malformed input, and truncates as documented', async () => {
    const long = '促销'.repeat(50_000);
    const broken = '\ud800\udfff\ud800 half a surrogate \udc00 and NUL \u0000';
    const scores = await onnx.scoreTexts(['', long, broken, ' \n\t ', '🛰'.repeat(10_000)]);
    for (const s of scores) {
      expect(s.spam).toBeGreaterThanOrEqual(0);
      expect(s.spam).toBeLessThanOrEqual(1);
      expect(Number.isFinite(s.promo)).toBe(true);
    }
    expect(featurize(long).indices).toEqual(featurize(long.slice(0, MAX_TEXT_CHARS)).indices);
  });

  it('reproduces, on the sealed test, exactly the figures its model card reports for it', async () => {
    // Every shipped version is scored on the sealed test once (npm run eval:sealed); scoring it
    // again here must give the same confusion counts, or the model or the set has changed.
    const { actual, expected } = sealedHash();
    expect(actual).toBe(expected);
    const recorded = readSealedResults().find((r) => r.model_version === onnx.version);
    expect(recorded, `${onnx.version} has no sealed-test figures: run npm run eval:sealed`).toBeDefined();
    const rows = readSealedRows();
    const scores = await onnx.scoreTexts(rows.map((r) => r.text));
    const all = recorded!.figures.filter((f) => f.slice === 'all');
    const promo = binaryMetrics(
      scores.map((s) => s.promo),
      rows.map((r) => r.promo),
      onnx.thresholds.promo,
    );
    const spam = binaryMetrics(
      scores.map((s, i) => s.spam - onnx.spamThreshold(rows[i]!.text) + 0.5),
      rows.map((r) => r.spam),
      0.5,
    );
    const counts = (m: { tp: number; fp: number; fn: number; tn: number }) => [m.tp, m.fp, m.fn, m.tn];
    expect(counts(promo)).toEqual(counts(all.find((f) => f.head === 'promo')!.metrics));
    expect(counts(spam)).toEqual(counts(all.find((f) => f.head === 'spam')!.metrics));
  });
});
