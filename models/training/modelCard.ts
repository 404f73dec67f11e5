import fs from 'node:fs';
import type { Source } from './corpora';
import type { BinaryMetrics } from './metrics';
import type { SealedResult } from './sealedTest';
import type { Selection } from './selection';
import type { SourceFigure } from './sourceValidation';
import type { TrainConfig } from './trainConfig';
import type { Head } from './trainingRows';

export interface CategoryErrors {
  category: string;
  n: number;
  promoFp: number;
  promoFn: number;
  spamFp: number;
  spamFn: number;
}

/** What `npm run train` writes to metrics.json, and what the card is written from. */
export interface TrainingSummary {
  model_version: string;
  featurizer_version: string;
  opset: number;
  feature_dim: number;
  max_text_chars: number;
  training_data_hash: string;
  trained_on: string;
  config: TrainConfig;
  thresholds: Record<Head, number>;
  calibration: Record<Head, { a: number; b: number }>;
  sizes: Record<string, { rows: number; spam: number; promo: number; promoLabelled: number }>;
  relabelled_adverts: number;
  model_bytes: number;
  selection: Selection | null;
  source_figures: SourceFigure[];
  whole_sms_figures: SourceFigure[];
  spam_by_source: Array<{ source: Source; metrics: BinaryMetrics }>;
  category_errors: CategoryErrors[];
}

const f = (n: number | null, d = 3) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(d));

/** The targets the classifier issue set, by what they are measured on. */
function target(head: string, source: string): { text: string; met: (m: BinaryMetrics) => boolean } | null {
  if (head === 'promo' && source.startsWith('posts')) return { text: 'F1 ≥ 0.85', met: (m) => m.f1 >= 0.85 };
  if (head === 'spam' && source.startsWith('posts')) return { text: 'F1 ≥ 0.90', met: (m) => m.f1 >= 0.9 };
  if (head === 'spam' && source.startsWith('yt-')) return { text: 'F1 ≥ 0.93', met: (m) => m.f1 >= 0.93 };
  if (head === 'spam' && source.startsWith('sms-')) return { text: 'F1 ≥ 0.95', met: (m) => m.f1 >= 0.95 };
  return null;
}

function row(label: string, m: BinaryMetrics, last: string): string {
  return `| ${label} | ${m.n} (${m.positives}) | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.mcc)} | ${f(m.rocAuc, 4)} | ${m.tp} ${m.fp} / ${m.fn} ${m.tn} | ${last} |`;
}
const HEADER =
  '| slice | n (positives) | precision | recall | F1 | MCC | ROC-AUC | confusion (tp fp / fn tn) | LAST |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
const verdict = (head: string, source: string, m: BinaryMetrics) => {
  const t = target(head, source);
  return t ? `${t.text}: ${t.met(m) ? 'met' : '**not met**'}` : '';
};

function sourceTable(s: TrainingSummary): string {
  const lines = [HEADER.replace('LAST', 'cut chosen without it · target')];
  for (const x of s.spam_by_source)
    lines.push(row(`spam · ${x.source}`, x.metrics, `per head (below) · ${verdict('spam', x.source, x.metrics)}`));
  for (const x of s.source_figures.filter((x) => x.head === 'promo')) {
    lines.push(
      row(
        `promo · ${x.source}${x.source === 'sms-zh' ? ' (relabelled adverts only)' : ''}`,
        x.metrics,
        `${x.cut} · ${verdict('promo', x.source, x.metrics)}`,
      ),
    );
  }
  return lines.join('\n');
}

function headTable(s: TrainingSummary): string {
  const lines = [HEADER.replace('LAST', 'cut chosen without it')];
  for (const x of s.source_figures.filter((x) => x.head !== 'promo')) lines.push(row(`${x.head} · ${x.source}`, x.metrics, String(x.cut)));
  return lines.join('\n');
}

function wholeSmsTable(s: TrainingSummary): string {
  const lines = [HEADER.replace('LAST', 'cut chosen without it')];
  for (const x of s.whole_sms_figures.filter((x) => x.metrics.positives >= 10))
    lines.push(row(`${x.head} · ${x.source} held out whole`, x.metrics, String(x.cut)));
  return lines.join('\n');
}

function sealedSection(s: TrainingSummary, sealed: SealedResult[]): string {
  const mine = sealed.find((r) => r.model_version === s.model_version);
  const earlier = sealed.filter((r) => r.model_version !== s.model_version);
  const history = earlier.length
    ? `\n\nEarlier versions on the same set: ${earlier.map((r) => `\`${r.model_version}\` (${r.evaluated_at.slice(0, 10)}: promo F1 ${f(r.figures.find((x) => x.slice === 'all' && x.head === 'promo')!.metrics.f1)}, spam F1 ${f(r.figures.find((x) => x.slice === 'all' && x.head === 'spam')!.metrics.f1)})`).join('; ')}.`
    : '';
  if (!mine) return `This version has not been scored on the sealed test yet: \`npm run eval:sealed\` scores it, once.${history}`;
  const lines = [HEADER.replace('LAST', 'target')];
  for (const x of mine.figures)
    lines.push(row(`${x.head} · ${x.slice}`, x.metrics, x.slice === 'all' ? verdict(x.head, 'posts', x.metrics) : ''));
  const cats = mine.categories.filter((c) => c.promoFp + c.promoFn + c.spamFp + c.spamFn > 0);
  return `Scored on ${mine.evaluated_at.slice(0, 10)}, file SHA-256 \`${mine.sealed_sha256}\`, at the shipped thresholds.

${lines.join('\n')}

Categories with errors on the sealed test (false positives / false negatives): ${cats.map((c) => `${c.category} ${c.n}: promo ${c.promoFp}/${c.promoFn}, spam ${c.spamFp}/${c.spamFn}`).join('; ')}.${history}`;
}

function categoryTable(s: TrainingSummary): string {
  const lines = [
    '| category | posts | promo false positives | promo misses | spam false positives | spam misses |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of s.category_errors) lines.push(`| ${c.category} | ${c.n} | ${c.promoFp} | ${c.promoFn} | ${c.spamFp} | ${c.spamFn} |`);
  return lines.join('\n');
}

function selectionTable(selection: Selection | null): string {
  if (!selection) return '_No selection recorded: run `npm run train:select`._';
  const lines = [
    '| head | L2 | template weight | ham as promo negatives | mean F1 over held-out sources | per source |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const chosen = selection.chosen;
  for (const r of selection.results) {
    const isChosen =
      r.l2 === chosen.l2[r.head] &&
      r.templateWeight === chosen.templateWeight &&
      (r.head !== 'promo' || r.hamAsPromoNegativeWeight === chosen.hamAsPromoNegativeWeight);
    const mean = isChosen ? `**${r.meanF1.toFixed(4)}**` : r.meanF1.toFixed(4);
    lines.push(
      `| ${r.head} | ${r.l2} | ${r.templateWeight} | ${r.head === 'promo' ? r.hamAsPromoNegativeWeight : '–'} | ${mean} | ${Object.entries(
        r.perSource,
      )
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ')} |`,
    );
  }
  return lines.join('\n');
}

/** The card's figures are written by the training run and the sealed evaluation, never typed in. */
export function writeModelCard(file: string, s: TrainingSummary, sealed: SealedResult[]): void {
  const size = (source: string) => s.sizes[source] ?? { rows: 0, spam: 0, promo: 0, promoLabelled: 0 };
  const posts = ['posts-a', 'posts-b'].reduce((t, k) => t + size(k).rows, 0);
  const text = `# Model card: spam and promotion classifier

_This file is written by \`npm run train\` and \`npm run eval:sealed\`; edit \`models/training/modelCard.ts\` to change its prose._

| | |
| --- | --- |
| model version | \`${s.model_version}\` (a hash of the weights) |
| file | \`models/spam-promo.onnx\`, ${s.model_bytes} bytes, ONNX opset ${s.opset}, built in TypeScript with onnx-proto |
| featurizer | \`${s.featurizer_version}\`, ${s.feature_dim} hashed features, first ${s.max_text_chars} characters of a text |
| outputs | \`probabilities\` [N, 3]: calibrated P(spam) by the Chinese head, P(spam) by the English head, P(promo); the scorer reports the spam head of the text's language |
| thresholds | spam (Chinese) ${s.thresholds.spam_zh}, spam (English) ${s.thresholds.spam_en}, promo ${s.thresholds.promo}: the best mean F1 over held-out sources, on leave-one-source-out predictions |
| training data hash | \`${s.training_data_hash}\` |
| trained on | ${s.trained_on} (from \`models/trainConfig.json\`; the same data and seed give the same bytes) |

## What it does

Three logistic regressions over one bag of hashed features. **spam**: junk, scams and unwanted
selling (GUIDE.md), one head for Chinese text (any Han character) and one for the rest.
**promo**: the post tries to get readers to buy, order, book, subscribe to or visit a particular
offer, disclosed or not (whether it is disclosed is judged by the rules). The calibration (Platt,
fitted on held-out predictions) is folded into the weights, so the ONNX graph is
Gather → Mul → ReduceSum → Add → Sigmoid over the text's (index, value) pairs.

Features (\`models/runtime/featurizer.ts\`, shared by training and serving): Unicode NFKC, full/half-width
folding, lower case, traditional → simplified characters; CJK character unigrams and bigrams;
Latin word unigrams and bigrams; tokens for URLs and their hosts, phone numbers, long digit runs,
masked numbers, contact cues, promo codes, prices, emoji, repeated exclamation marks; and
**named promotion cues** (\`rules/text/promoCues.ts\`, in both languages: price, discount, free
shipping, call to action, shop / store / showcase / live room, pre-sale or deposit, code, limited
time, back in stock, launch, link, giveaway, subscription, livestream selling, contact to buy) with
a token for how many a text shows. The same cues are the rules' \`promoCues\` fact. Each token is
hashed (FNV-1a with a sign bit) into ${s.feature_dim} dimensions; counts are log-scaled and the
vector L2-normalised.

## Data and licences

| source | what | licence | rows | spam | promo (of labelled) |
| --- | --- | --- | --- | --- | --- |
| sms-en | SMS Spam Collection v.1, Almeida and Gómez Hidalgo (2011), UCI | CC BY 4.0 | ${size('sms-en').rows} | ${size('sms-en').spam} | – |
| sms-zh | a sample of the public Chinese spam-SMS corpus as redistributed in \`Spam-Message-Classifier-sklearn\` | no licence stated: training and evaluation only | ${size('sms-zh').rows} | ${size('sms-zh').spam} | ${size('sms-zh').promo} of ${size('sms-zh').promoLabelled} (the relabelled adverts) |
| yt-psy, yt-katyperry, yt-lmfao | YouTube Spam Collection, Alberto, Lochter and Almeida (2015), UCI, one source per channel | CC BY 4.0 | ${size('yt-psy').rows}, ${size('yt-katyperry').rows}, ${size('yt-lmfao').rows} | ${size('yt-psy').spam}, ${size('yt-katyperry').spam}, ${size('yt-lmfao').spam} | – |
| posts-a, posts-b | discussion-commerce posts written one by one for this project (\`models/data/posts/\`), split into two halves by category | this project's | ${size('posts-a').rows}, ${size('posts-b').rows} | ${size('posts-a').spam}, ${size('posts-b').spam} | ${size('posts-a').promo}, ${size('posts-b').promo} |
| templates | the earlier template-generated set (\`models/data/commerce/\`), weight ${s.config.templateWeight} | this project's | ${size('templates').rows} | ${size('templates').spam} | ${size('templates').promo} |

- **Relabelled adverts.** The Chinese SMS corpus labels many plain adverts ham. A rule of advert
  words found 108 ham messages; each was read, and the ${s.relabelled_adverts} that offer something
  for sale or hire are promotion positives (\`models/data/sms-spam-zh/adverts.json\` lists them and
  the method). None of them is a promotion negative any more, and the corpus's spam labels are
  unchanged. The same rule over English SMS ham found 19 messages, all personal: none relabelled.
- **Promotion negatives.** The promotion head learns from the written posts, the template set and
  the relabelled adverts; other SMS and YouTube ham joins as negatives at weight
  ${s.config.hamAsPromoNegativeWeight}. The labelling guide is \`models/data/GUIDE.md\`.
- Provenance of each corpus: \`models/data/README.md\`.

## Leave-one-source-out validation

Each source is held out in turn: the heads are trained on every other source and score the
held-out one. The SMS corpora are held out a fifth at a time (the rest of the corpus stays in
training), since the messages the product judges there come from the same stream, as the
independent hold-out of the Chinese corpus does; each is also held out whole below. A source's figures are read at a cut chosen on the other sources alone, so no
figure below saw its own rows in training or in choosing its cut. The written posts are held out
a half (by category) at a time. This is what the product faces: text from a platform it has
never seen. Spam rows are judged by each text's own language head.

${sourceTable(s)}

Per spam head:

${headTable(s)}

Each SMS corpus held out **whole** as well (reported only; nothing is chosen on it). This asks a
head trained on the other sources to judge a corpus it has never seen, whose idea of spam differs
from ours: the Chinese corpus calls commercial adverts spam, which the guide calls promotion.

${wholeSmsTable(s)}

Where the written posts' errors fall, by category (held-out predictions, ${posts} posts):

${categoryTable(s)}

## Sealed test

\`models/data/sealed/sealed-test.jsonl\` was written before any modelling change of this round by a
helper given only the labelling guide, never the training data; its SHA-256 is in
\`models/data/sealed/sealed-test.sha256\` and \`npm run eval:sealed\` refuses a file that does not
match it. It is never used to train, tune, choose thresholds or select features; each shipped
version is scored on it once.

${sealedSection(s, sealed)}

## How the settings were chosen

${selectionTable(s.selection)}

## What was tried, and what was dropped

- **2026-11-30 (this version).** The promotion head found one promotional post in seven on posts
  written outside the project, while its own template test said F1 0.84: the templates' vocabulary
  had leaked into every split, the SMS adverts labelled ham taught it that advertising is not
  promotion, and thresholds were chosen on data drawn like the training data. This round replaced
  the data (${posts} posts written one by one across 52 categories and four post kinds, with hard
  negatives in each), relabelled the adverts, added the named cues, and moved every choice to
  leave-one-source-out validation. The template set stays as a down-weighted source where
  selection kept it.
- **Earlier rounds (2026-11-25/26)**, on template data and a random split: one shared spam head
  (replaced by one per language), epochs, learning rates, L2, binary and length-scaled values,
  CJK trigrams and Latin character 3–4-grams (none lifted every corpus), naive-Bayes-scaled
  features, averaged shuffles, a 16-unit hidden layer for promotion (no better than linear), hash
  tables of 2^16–2^22 buckets (wider helps SMS, hurts YouTube, and 2^20 breaks the 5 MB budget),
  a floor under the vector norm, text-length tokens, separate Chinese and English promotion heads
  (+0.01 F1, not worth a fourth head). Their figures were on template test splits and are not
  comparable with the ones above.

## Known failure modes

- Promotion written as pure personal experience with no link, price, code or call to action
  (软广 at its best) looks like organic discussion; the rules' partnership facts are what catch it.
- Scams that avoid commercial vocabulary (fake court notices, personal appeals for money).
- The unseen YouTube channel labels short praise ("Nice", "Party rock") ham where the other two
  channels' short comments are mostly spam links: one word's weight decides such a score.
- Languages other than Chinese and English are out of scope.
- Texts longer than ${s.max_text_chars} characters are judged by their opening.

## Reproduce every number here

\`\`\`sh
npm run train:select     # leave-one-source-out grid: L2 per head, template and ham weights → selection.json, trainConfig.json
npm run train            # rebuilds models/spam-promo.onnx, models/metrics.json and this card
npm run eval:sealed      # scores this version on the sealed test, once
npm run bench:classify   # throughput and latency of the shipped model
\`\`\`

Training configuration: \`${JSON.stringify(s.config)}\`.
`;
  fs.writeFileSync(file, text);
}
