import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export type Split = 'train' | 'validation' | 'test';
export type Corpus = 'sms-en' | 'sms-zh' | 'youtube' | 'commerce';

export interface Example {
  corpus: Corpus;
  text: string;
  /** 1 = spam, 0 = not; null when the corpus does not say. */
  spam: 0 | 1 | null;
  /** 1 = promotes a product, service or shop; null when the corpus does not say. */
  promo: 0 | 1 | null;
  split: Split;
  /**
   * Examples that must fall in the same cross-validation fold: a commerce template's items share
   * one, so a fold measures phrasings its training folds never saw, as the test split does.
   */
  group: string;
}

/** A stable split from the text itself: the same text lands in the same split on every machine. */
function hashSplit(key: string, validation = 0.15, test = 0.15): Split {
  const x = createHash('sha1').update(key).digest().readUInt32BE(0) / 2 ** 32;
  return x < test ? 'test' : x < test + validation ? 'validation' : 'train';
}

export function loadCorpora(): Example[] {
  const out: Example[] = [];
  const smsEn = fs.readFileSync(path.join(DATA_DIR, 'sms-spam-en', 'SMSSpamCollection'), 'utf8').split('\n').slice(1);
  smsEn.forEach((line, i) => {
    const tab = line.indexOf('\t');
    if (tab < 0) return;
    const label = line.slice(0, tab);
    out.push({ corpus: 'sms-en', text: line.slice(tab + 1), spam: label === 'spam' ? 1 : 0, promo: null, split: hashSplit(`sms-en:${i}`), group: `sms-en:${i}` });
  });
  const smsZh = fs.readFileSync(path.join(DATA_DIR, 'sms-spam-zh', 'messages.jsonl'), 'utf8').split('\n').filter(Boolean);
  smsZh.forEach((line, i) => {
    const row = JSON.parse(line) as { text: string; label: string };
    out.push({ corpus: 'sms-zh', text: row.text, spam: row.label === 'spam' ? 1 : 0, promo: null, split: hashSplit(`sms-zh:${i}`), group: `sms-zh:${i}` });
  });
  // YouTube: two channels to learn from, the third (LMFAO) never seen in training.
  for (const file of ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO']) {
    const rows = parse(fs.readFileSync(path.join(DATA_DIR, 'youtube-spam', `${file}.csv`), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ CONTENT: string; CLASS: string; COMMENT_ID: string }>;
    for (const r of rows) {
      const split: Split = file === 'Youtube03-LMFAO' ? 'test' : hashSplit(`yt:${r.COMMENT_ID}`, 0.15, 0);
      out.push({ corpus: 'youtube', text: r.CONTENT, spam: r.CLASS === '1' ? 1 : 0, promo: null, split, group: `yt:${r.COMMENT_ID}` });
    }
  }
  const commerce = fs.readFileSync(path.join(DATA_DIR, 'commerce', 'commerce-posts.jsonl'), 'utf8').split('\n').filter(Boolean);
  for (const line of commerce) {
    const r = JSON.parse(line) as { text: string; spam: 0 | 1; promo: 0 | 1; split: Split; template: string };
    out.push({ corpus: 'commerce', text: r.text, spam: r.spam, promo: r.promo, split: r.split, group: `commerce:${r.template}` });
  }
  return out;
}

/** A fingerprint of everything training reads, stored in the model. */
export function dataHash(examples: Example[]): string {
  const h = createHash('sha256');
  for (const e of examples) h.update(`${e.corpus}\u0000${e.split}\u0000${e.spam}\u0000${e.promo}\u0000${e.text}\u0001`);
  return h.digest('hex');
}
