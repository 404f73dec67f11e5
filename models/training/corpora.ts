import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

export type Corpus = 'sms-en' | 'sms-zh' | 'youtube' | 'posts' | 'templates' | 'platform';

/**
 * What leave-one-source-out validation holds out in turn: each SMS corpus, each YouTube channel,
 * and each half of the written posts by category. The template set is never held out: it is a
 * down-weighted training aid, and a figure on it would measure its own templates. `platform` is
 * the labels a platform's moderators made (retraining only; see models/training/retrain.ts).
 */
export type Source = 'sms-en' | 'sms-zh' | 'yt-psy' | 'yt-katyperry' | 'yt-lmfao' | 'posts-a' | 'posts-b' | 'templates' | 'platform';
export const HELD_OUT_SOURCES: readonly Source[] = ['sms-en', 'sms-zh', 'yt-psy', 'yt-katyperry', 'yt-lmfao', 'posts-a', 'posts-b'];

export interface Example {
  corpus: Corpus;
  source: Source;
  text: string;
  /** 1 = spam, 0 = not; null when the corpus does not say. */
  spam: 0 | 1 | null;
  /** 1 = promotes a product, service or shop; null when the corpus does not say. */
  promo: 0 | 1 | null;
  /** Why a row's promo label is not the corpus's own (the SMS adverts labelled ham). */
  relabelled?: 'advert';
  /** The written posts' category (GUIDE.md), for the error table. */
  category?: string;
  /**
   * Examples that must fall in the same cross-validation fold: a template's items share one, so
   * a fold measures phrasings its training folds never saw.
   */
  group: string;
}

/** A stable half from a category name, so a category's posts are held out together. */
export function categoryHalf(category: string): 'posts-a' | 'posts-b' {
  return createHash('sha1').update(category).digest().readUInt8(0) % 2 === 0 ? 'posts-a' : 'posts-b';
}

interface AdvertList {
  lines: number[];
}

export interface PostRow {
  id: string;
  text: string;
  lang: 'zh' | 'en';
  kind: string;
  category: string;
  spam: 0 | 1;
  promo: 0 | 1;
  source: string;
}

export function readPostRows(file: string): PostRow[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PostRow);
}

/** The written posts: every `.jsonl` under data/posts, each file one writer's. */
export function postFiles(dir = path.join(DATA_DIR, 'posts')): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
}

export function loadCorpora(): Example[] {
  const out: Example[] = [];
  const smsEn = fs
    .readFileSync(path.join(DATA_DIR, 'sms-spam-en', 'SMSSpamCollection'), 'utf8')
    .split('\n')
    .slice(1);
  smsEn.forEach((line, i) => {
    const tab = line.indexOf('\t');
    if (tab < 0) return;
    const label = line.slice(0, tab);
    out.push({
      corpus: 'sms-en',
      source: 'sms-en',
      text: line.slice(tab + 1),
      spam: label === 'spam' ? 1 : 0,
      promo: null,
      group: `sms-en:${i}`,
    });
  });
  // Adverts the corpus calls ham are promotion (adverts.json says how they were found); the rest
  // of the corpus says nothing about promotion.
  const adverts = new Set((JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'sms-spam-zh', 'adverts.json'), 'utf8')) as AdvertList).lines);
  const smsZh = fs
    .readFileSync(path.join(DATA_DIR, 'sms-spam-zh', 'messages.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  smsZh.forEach((line, i) => {
    const row = JSON.parse(line) as { text: string; label: string };
    const advert = adverts.has(i);
    out.push({
      corpus: 'sms-zh',
      source: 'sms-zh',
      text: row.text,
      spam: row.label === 'spam' ? 1 : 0,
      promo: advert ? 1 : null,
      ...(advert ? { relabelled: 'advert' as const } : {}),
      group: `sms-zh:${i}`,
    });
  });
  const channels = [
    ['Youtube01-Psy', 'yt-psy'],
    ['Youtube02-KatyPerry', 'yt-katyperry'],
    ['Youtube03-LMFAO', 'yt-lmfao'],
  ] as const;
  for (const [file, source] of channels) {
    const rows = parse(fs.readFileSync(path.join(DATA_DIR, 'youtube-spam', `${file}.csv`), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Array<{ CONTENT: string; CLASS: string; COMMENT_ID: string }>;
    for (const r of rows)
      out.push({ corpus: 'youtube', source, text: r.CONTENT, spam: r.CLASS === '1' ? 1 : 0, promo: null, group: `yt:${r.COMMENT_ID}` });
  }
  for (const file of postFiles()) {
    for (const r of readPostRows(file)) {
      out.push({
        corpus: 'posts',
        source: categoryHalf(r.category),
        text: r.text,
        spam: r.spam,
        promo: r.promo,
        category: r.category,
        group: `posts:${r.id}`,
      });
    }
  }
  const templates = fs
    .readFileSync(path.join(DATA_DIR, 'commerce', 'commerce-posts.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  for (const line of templates) {
    const r = JSON.parse(line) as { text: string; spam: 0 | 1; promo: 0 | 1; template: string };
    out.push({ corpus: 'templates', source: 'templates', text: r.text, spam: r.spam, promo: r.promo, group: `templates:${r.template}` });
  }
  return out;
}

/** A fingerprint of everything training reads, stored in the model. */
export function dataHash(examples: Example[]): string {
  const h = createHash('sha256');
  for (const e of examples) h.update(`${e.source}\u0000${e.spam}\u0000${e.promo}\u0000${e.text}\u0001`);
  return h.digest('hex');
}
