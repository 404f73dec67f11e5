import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom, fill } from '../../../rules/seededRandom';
import { SLOTS, TEMPLATES, type Category } from './templates';

export interface CommercePost {
  id: string;
  text: string;
  lang: 'zh' | 'en';
  category: Category | 'spam';
  spam: 0 | 1;
  promo: 0 | 1;
  /** The template that made it: splits are by template, never by item. */
  template: string;
  split: 'train' | 'validation' | 'test';
}

const LABELS: Record<Category, { spam: 0 | 1; promo: 0 | 1 }> = {
  organic: { spam: 0, promo: 0 },
  disclosed_promo: { spam: 0, promo: 1 },
  undisclosed_promo: { spam: 0, promo: 1 },
  spam_sales: { spam: 1, promo: 1 },
  spam_scam: { spam: 1, promo: 0 },
};

/** Every fifth template of a category goes to test, the next fifth to validation. */
function splitOf(index: number): CommercePost['split'] {
  return index % 5 === 2 ? 'test' : index % 5 === 4 ? 'validation' : 'train';
}

export function generateCommerceSet(seed = 2026, perTemplate = 9): CommercePost[] {
  const rnd = seededRandom(seed);
  const out: CommercePost[] = [];
  for (const category of Object.keys(TEMPLATES) as Category[]) {
    for (const lang of ['zh', 'en'] as const) {
      TEMPLATES[category][lang].forEach((template, index) => {
        for (let k = 0; k < perTemplate; k++) {
          const s = SLOTS[lang];
          const product = rnd.pick(s.product);
          const text = fill(template, {
            product,
            product2: rnd.pick(s.product.filter((p) => p !== product)),
            brand: rnd.pick(s.brand),
            feature: rnd.pick(s.feature),
            flaw: rnd.pick(s.flaw),
            use: rnd.pick(s.use),
            price: rnd.pick(s.price),
            shop: rnd.pick(s.shop),
            link: fill(rnd.pick(SLOTS.link), { n: rnd.int(100, 99999) }),
            code: rnd.pick(['MIA', 'LEO', 'SAVE', 'XIAO', 'GO']) + rnd.int(10, 99),
            wechat: rnd.pick(['happybuy', 'dealz', 'sunny', 'goodgoods', 'xiaolu']) + '_' + rnd.int(1000, 9999),
            qq: String(rnd.int(10000000, 999999999)),
            phone: rnd.pick(['138 ', '+1 415 ', '186-', '１３９']) + rnd.int(1000, 9999) + ' ' + rnd.int(1000, 9999),
          });
          out.push({ id: `${category}-${lang}-${index}-${k}`, text, lang, category: category.startsWith('spam') ? 'spam' : category, ...LABELS[category], template: `${category}-${lang}-${index}`, split: splitOf(index) });
        }
      });
    }
  }
  return out;
}

// `tsx models/data/commerce/generate.ts` rewrites the committed JSONL.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commerce-posts.jsonl');
  const rows = generateCommerceSet();
  fs.writeFileSync(target, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const counts = (f: (r: CommercePost) => boolean) => rows.filter(f).length;
  process.stdout.write(`${rows.length} posts → ${target}\n  spam ${counts((r) => r.spam === 1)}, promo ${counts((r) => r.promo === 1)}, organic ${counts((r) => r.category === 'organic')}, disclosed ${counts((r) => r.category === 'disclosed_promo')}, undisclosed ${counts((r) => r.category === 'undisclosed_promo')}\n  train ${counts((r) => r.split === 'train')}, validation ${counts((r) => r.split === 'validation')}, test ${counts((r) => r.split === 'test')}\n`);
}
