import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fill, seededRandom } from '../../rules/seededRandom';
import type { DisclosureStatus } from '../../rules/disclosure/verdict';

/*
 * The labelled evaluation set for the disclosure verdict: bilingual, with the hard cases of
 * ../shared/DOMAIN.md. Written for this decision only; none of it is classifier training data.
 * `npx tsx eval/disclosure/generate.ts` rewrites disclosure-eval.jsonl deterministically.
 */
interface Case {
  name: string;
  expected: DisclosureStatus;
  partner: 'mentioned' | 'other' | 'none';
  affiliateLink?: boolean;
  platformLabel?: boolean;
  zh: string[];
  en: string[];
}

const BRANDS = [
  { zh: '声悦', en: 'SoundJoy' },
  { zh: '澄肌', en: 'ClearSkin' },
  { zh: '山野', en: 'TrailPeak' },
  { zh: '暖居', en: 'CozyNest' },
  { zh: '味研', en: 'FlavorLab' },
  { zh: '小禾', en: 'LittleSprout' },
];
const PRODUCTS = {
  zh: ['降噪耳机', '防晒霜', '登山鞋', '空气炸锅', '咖啡豆', '婴儿推车'],
  en: ['earbuds', 'sunscreen', 'hiking boots', 'air fryer', 'coffee beans', 'stroller'],
};
const FILLER = {
  zh: [
    '早上通勤路上一直在用。',
    '周末带去露营也没问题。',
    '家里人都说好。',
    '包装挺用心的。',
    '第一周就习惯了。',
    '朋友看了也想买。',
    '颜色比图片好看。',
  ],
  en: [
    'Used it every commute this week.',
    'Took it camping, no complaints.',
    'The whole family likes it.',
    'Packaging was lovely.',
    'Got used to it in days.',
    'My friends want one too.',
    'The color beats the photos.',
  ],
};

const PRAISE = {
  zh: [
    '真心推荐{brand}的{product}，{filler}',
    '{brand}{product}用了一个月，太香了，{filler}',
    '最近离不开{brand}的{product}，{filler}',
    '吹爆{brand}{product}，{filler}',
  ],
  en: [
    'Honestly loving the {brand} {product}. {filler}',
    'A month with the {brand} {product} and I am hooked. {filler}',
    'Cannot stop using my {brand} {product}. {filler}',
    'The {brand} {product} is a game changer. {filler}',
  ],
};

const CASES: Case[] = [
  { name: 'partner praise, no disclosure', expected: 'undisclosed', partner: 'mentioned', zh: ['{praise}'], en: ['{praise}'] },
  {
    name: 'affiliate link, no disclosure',
    expected: 'undisclosed',
    partner: 'none',
    affiliateLink: true,
    zh: ['{praise} 链接：{afflink}', '{product}终于入手，用我的码{code}还能便宜'],
    en: ['{praise} Grab it: {afflink}', 'Use my code {code} on the {product}, thank me later'],
  },
  {
    name: 'negated marker',
    expected: 'undisclosed',
    partner: 'mentioned',
    zh: ['这不是广告！{praise}', '{praise} 纯自用分享，非广告', '没收钱，不是推广，{praise}'],
    en: ['Not sponsored! {praise}', '{praise} This is not an ad, just love it.', '#notsponsored {praise}'],
  },
  {
    name: 'quoted marker',
    expected: 'undisclosed',
    partner: 'mentioned',
    zh: ['有人说我是“广告”，随便吧，{praise}', '{praise} 评论区别问是不是「赞助」了'],
    en: ['People keep asking if this is an "ad". {praise}', '{praise} And no, the word "sponsored" does not apply to how much I love it'],
  },
  {
    name: 'marker at the start',
    expected: 'disclosed',
    partner: 'mentioned',
    zh: ['【广告】{praise}', '本帖为{brand}赞助。{praise}', '#合作 {praise}'],
    en: ['#ad {praise}', 'Paid partnership with {brand}. {praise}', 'Sponsored by {brand}: {praise}'],
  },
  { name: 'platform label', expected: 'disclosed', partner: 'mentioned', platformLabel: true, zh: ['{praise}'], en: ['{praise}'] },
  {
    name: 'gifted, said up front',
    expected: 'disclosed',
    partner: 'mentioned',
    zh: ['品牌方赠送的{product}，{praise}'],
    en: ['Gifted by {brand}, opinions mine. {praise}'],
  },
  {
    name: 'buried at the end of a long post',
    expected: 'weakly_disclosed',
    partner: 'mentioned',
    zh: [
      '{praise}\n{filler}{filler}{filler}\n{filler}{filler}{filler}\n{filler}{filler}{filler}\n{filler}{filler}{filler}{filler}{filler}\n（广告）',
    ],
    en: [
      '{praise}\n{filler} {filler} {filler}\n{filler} {filler} {filler}\n{filler} {filler} {filler}\n{filler} {filler} {filler} {filler}\n#ad',
    ],
  },
  {
    name: 'in a pile of hashtags',
    expected: 'weakly_disclosed',
    partner: 'mentioned',
    zh: ['{praise} #好物分享 #种草 #日常 #广告 #生活'],
    en: ['{praise} #skincare #glow #morning #ad #selfcare #love'],
  },
  {
    name: 'only inside a link',
    expected: 'weakly_disclosed',
    partner: 'mentioned',
    zh: ['{praise} 详情 https://shop.example/sponsored/{n}'],
    en: ['{praise} More at https://shop.example/sponsored/{n}'],
  },
  {
    name: 'ambiguous tag only',
    expected: 'weakly_disclosed',
    partner: 'mentioned',
    zh: ['{praise} #sp', '{praise} #collab'],
    en: ['{praise} #sp', '{praise} #spon', '{praise} #collab'],
  },
  {
    name: 'brand named, no tie',
    expected: 'not_commercial',
    partner: 'none',
    zh: ['{brand}的{product}售后怎么样？我的坏了', '有人用过{brand}{product}吗，值不值？', '{brand}{product}降价了，之前买贵了有点亏'],
    en: [
      'Anyone dealt with {brand} support? My {product} broke.',
      'Is the {brand} {product} worth it?',
      'The {brand} {product} went on sale, I overpaid last month',
    ],
  },
  {
    name: 'partnered creator, other topic',
    expected: 'not_commercial',
    partner: 'other',
    zh: ['今天去爬山了，天气很好，{filler}', '周末在家做饭，{filler}'],
    en: ['Went hiking today, great weather. {filler}', 'Cooking at home this weekend. {filler}'],
  },
  {
    name: 'talking about ads',
    expected: 'not_commercial',
    partner: 'none',
    zh: ['现在软广太多了，广告法规定要标注“广告”，平台应该管管', '看到写着广告的帖子我就直接划走'],
    en: ['So many hidden ads lately. The FTC says #ad must be clear and conspicuous.', 'I skip anything marked sponsored, honestly'],
  },
  {
    name: 'helpful link, no sale',
    expected: 'not_commercial',
    partner: 'none',
    zh: ['说明书在这里 https://help.example/faq/{n} ，第三页有写', '这篇测评讲得很清楚 https://review.example/{n}'],
    en: ['The manual is here https://help.example/faq/{n}, page three', 'This review explains it well https://review.example/{n}'],
  },
];

/** One labelled case, as in disclosure-eval.jsonl and the hand-written reader-case files. */
export interface EvalItem {
  id: string;
  case: string;
  lang: 'zh' | 'en';
  text: string;
  platformLabel?: boolean;
  partnerships?: Array<{ brand: string; kind: 'sponsorship' | 'gifted' | 'affiliate' }>;
  links?: string[];
  expected: DisclosureStatus;
  /** The reader cases' own word on why (written by hand; the generator writes none). */
  note?: string;
}

export function generateDisclosureEval(seed = 77, perTemplate = 6): EvalItem[] {
  const rnd = seededRandom(seed);
  const out: EvalItem[] = [];
  for (const c of CASES) {
    for (const lang of ['zh', 'en'] as const) {
      c[lang].forEach((template, t) => {
        for (let k = 0; k < perTemplate; k++) {
          const brand = rnd.pick(BRANDS);
          const other = rnd.pick(BRANDS.filter((b) => b !== brand));
          const product = rnd.pick(PRODUCTS[lang]);
          const brandName = brand[lang];
          const slots: Record<string, string | number> = {
            brand: brandName,
            product,
            filler: rnd.pick(FILLER[lang]),
            afflink: `https://shop.example/p/${rnd.int(100, 999)}?aff=${rnd.pick(['mia', 'leo', 'xiao'])}${rnd.int(1, 99)}`,
            code: `${rnd.pick(['MIA', 'LEO', 'XIAO'])}${rnd.int(10, 99)}`,
            n: rnd.int(100, 9999),
          };
          slots.praise = fill(rnd.pick(PRAISE[lang]), slots);
          // Fillers repeat inside long templates: draw each occurrence afresh.
          const text = fill(
            template.replace(/\{filler\}/g, () => rnd.pick(FILLER[lang])),
            slots,
          );
          const kind = rnd.pick(['sponsorship', 'gifted', 'affiliate'] as const);
          out.push({
            id: `${c.name.replace(/[^a-z]+/gi, '-')}-${lang}-${t}-${k}`,
            case: c.name,
            lang,
            text,
            ...(c.platformLabel ? { platformLabel: true } : {}),
            ...(c.partner === 'mentioned'
              ? { partnerships: [{ brand: brandName, kind }] }
              : c.partner === 'other'
                ? { partnerships: [{ brand: other[lang], kind }] }
                : {}),
            expected: c.expected,
          });
        }
      });
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'disclosure-eval.jsonl');
  const items = generateDisclosureEval();
  fs.writeFileSync(target, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  const by = (s: string) => items.filter((i) => i.expected === s).length;
  process.stdout.write(
    `${items.length} items → ${target}: undisclosed ${by('undisclosed')}, weakly ${by('weakly_disclosed')}, disclosed ${by('disclosed')}, not commercial ${by('not_commercial')}\n`,
  );
}
