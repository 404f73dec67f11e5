import type {
  AccountRefPayload as AccountRef,
  PostPayload as PostInput,
  TransactionPayload as TransactionInput,
} from '../../contract/schemas/ingest';
import {
  BOARDS,
  BRANDS,
  CONTACT_HARVEST,
  COUNTERFEIT,
  CREATOR_NAMES,
  LIVE_FLOOD,
  LIVE_ORGANIC,
  LIVE_TITLES,
  MEMBER_NAMES,
  OFF_PLATFORM,
  ORGANIC_REPLIES,
  PROMO_DISCLOSED,
  PROMO_UNDISCLOSED,
  REVIEWS_FAKE,
  REVIEWS_GENUINE,
  SPAM,
  THREAD_BODIES,
  THREAD_TITLES,
  VENDOR_ANSWERS,
  VENDOR_NAMES,
  type TemplateSet,
} from './texts';
import { fill, seededRandom } from '../../rules/seededRandom';

/** What the generator meant a post to be; used to place flags, never stored with the post. */
export type SeedCategory =
  | 'organic'
  | 'vendor_answer'
  | 'disclosed_promo'
  | 'undisclosed_promo'
  | 'spam'
  | 'contact_harvest'
  | 'off_platform'
  | 'counterfeit'
  | 'fake_review'
  | 'live_flood';

export interface SeedPartnership {
  creator: string;
  brand: string;
  kind: 'sponsorship' | 'gifted' | 'affiliate';
  startsAt: Date;
  endsAt: Date | null;
  campaign: string;
}

export interface SeedFlag {
  subjectType: 'post' | 'transaction';
  subject: string;
  queue: 'spam' | 'scam' | 'contact_harvesting' | 'fake_review' | 'suspicious_order' | 'undisclosed_ad';
  /** Members report what they can name (spam, scams, hidden ads); moderators on patrol find the rest. */
  source: 'report' | 'staff';
  priority: number;
  reason: string;
  createdAt: Date;
  decision?: { action: 'approve' | 'remove' | 'hold' | 'require_disclosure'; reasonCode: string; at: Date; moderator: number };
}

export interface DemoCommunity {
  accounts: AccountRef[];
  posts: PostInput[];
  transactions: TransactionInput[];
  partnerships: SeedPartnership[];
  flags: SeedFlag[];
  categories: Map<string, SeedCategory>;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

interface Product {
  id: string;
  brand: string;
  vendor: string;
  zh: string;
  en: string;
  priceCents: number;
  board: string;
}

/**
 * Builds a bilingual shopping community over `days` days before `anchor`. Deterministic: the same
 * seed and anchor give the same community, byte for byte.
 */
export function buildDemoCommunity(options: { seed: number; anchor: Date; days?: number }): DemoCommunity {
  const rnd = seededRandom(options.seed);
  const days = options.days ?? 60;
  const start = options.anchor.getTime() - days * DAY;
  const moment = (dayFrom = 0, dayTo = days) => {
    // Evenings are busiest on a shopping forum.
    const day = rnd.int(dayFrom, Math.max(dayFrom, dayTo - 1));
    const hour = rnd.weighted({ 8: 1, 10: 2, 12: 3, 14: 2, 17: 3, 19: 5, 20: 6, 21: 6, 22: 4, 23: 2, 1: 1 });
    return new Date(start + day * DAY + Number(hour) * 3600_000 + rnd.int(0, 3599) * 1000);
  };
  const iso = (d: Date) => d.toISOString();

  const accounts: AccountRef[] = [];
  const localeOf = new Map<string, 'zh' | 'en'>();
  const addAccount = (id: string, handle: string, type: AccountRef['type'], locale: 'zh' | 'en', joinedAt: Date, displayName?: string) => {
    accounts.push({ id, handle, type, locale, joinedAt: iso(joinedAt), displayName });
    localeOf.set(id, locale);
    return id;
  };
  const longAgo = () => new Date(start - rnd.int(30, 900) * DAY);

  const members: string[] = [];
  MEMBER_NAMES.zh.forEach((n, i) => members.push(addAccount(`m-zh-${i}`, `${n}${rnd.int(10, 99)}`, 'member', 'zh', longAgo(), n)));
  MEMBER_NAMES.en.forEach((n, i) => members.push(addAccount(`m-en-${i}`, `${n}_${rnd.int(10, 99)}`, 'member', 'en', longAgo())));
  const creators: string[] = [];
  CREATOR_NAMES.zh.forEach((n, i) => creators.push(addAccount(`c-zh-${i}`, n, 'creator', 'zh', longAgo(), n)));
  CREATOR_NAMES.en.forEach((n, i) => creators.push(addAccount(`c-en-${i}`, n, 'creator', 'en', longAgo())));
  const vendors: string[] = [];
  VENDOR_NAMES.zh.forEach((n, i) => vendors.push(addAccount(`v-zh-${i}`, n, 'vendor', 'zh', longAgo(), n)));
  VENDOR_NAMES.en.forEach((n, i) => vendors.push(addAccount(`v-en-${i}`, n, 'vendor', 'en', longAgo())));
  // One shady vendor of each language does most of the off-platform and counterfeit business.
  const shadyVendors = [vendors[3]!, vendors[VENDOR_NAMES.zh.length + 1]!];
  const brands = BRANDS.map((b, i) =>
    addAccount(`b-${b.handle}`, b.handle, 'brand', i % 3 === 2 ? 'en' : 'zh', longAgo(), `${b.zh} ${b.en}`),
  );

  const products: Product[] = [];
  BRANDS.forEach((b) =>
    b.products.forEach((p, j) => {
      const vendor = rnd.pick(vendors);
      products.push({
        id: `sku-${b.handle}-${j}`,
        brand: `b-${b.handle}`,
        vendor,
        zh: p.zh,
        en: p.en,
        priceCents: p.priceCents,
        board: b.board,
      });
    }),
  );
  const brandOf = (id: string) => BRANDS.find((b) => `b-${b.handle}` === id)!;
  const productRef = (p: Product) => ({
    id: p.id,
    name: p.zh + ' / ' + p.en,
    priceCents: p.priceCents,
    currency: 'CNY',
    category: p.board,
    brand: { id: p.brand, type: 'brand' as const },
  });

  const posts: PostInput[] = [];
  const categories = new Map<string, SeedCategory>();
  let seq = 0;
  const authorRef = (id: string): AccountRef => accounts.find((a) => a.id === id)!;
  const text = (set: TemplateSet, author: string, slots: Record<string, string | number>) => {
    const lang = localeOf.get(author) ?? 'zh';
    return fill(rnd.pick(set[lang]), slots);
  };
  const contactSlots = () => ({
    wechat: rnd.pick(['xiaolu', 'happybuy', 'dealz', 'sunny', 'goodgoods']) + '_' + rnd.int(1000, 9999),
    qq: String(rnd.int(10000000, 999999999)),
    phone: rnd.pick(['138 ', '１３９', '186-', '+1 415 ']) + rnd.int(1000, 9999) + ' ' + rnd.int(1000, 9999),
  });
  const addPost = (p: Omit<PostInput, 'id' | 'author' | 'postedAt'> & { author: string; at: Date }, category: SeedCategory) => {
    const id = `post-${(++seq).toString().padStart(5, '0')}`;
    const { author, at, ...rest } = p;
    posts.push({ ...rest, id, author: authorRef(author), postedAt: iso(at), lang: localeOf.get(author) });
    categories.set(id, category);
    return id;
  };
  const topicSlots = (board: (typeof BOARDS)[number], author: string) => {
    const lang = localeOf.get(author) ?? 'zh';
    const topic = rnd.pick(lang === 'zh' ? board.topicsZh : board.topicsEn);
    const price = lang === 'zh' ? `${rnd.pick([200, 300, 500, 800, 1000, 2000])}元` : `$${rnd.pick([30, 50, 80, 120, 200, 300])}`;
    return { topic, price };
  };

  // Threads: members asking and comparing, vendors presenting products.
  const threads: Array<{ id: string; board: string; at: Date; vendor?: string; product?: Product }> = [];
  for (let i = 0; i < 260; i++) {
    const board = rnd.pick(BOARDS);
    const author = rnd.pick(members);
    const slots = topicSlots(board, author);
    const at = moment(0, days - 1);
    const id = addPost(
      {
        kind: 'thread',
        author,
        at,
        board: board.slug,
        title: text(THREAD_TITLES, author, slots),
        body: text(THREAD_BODIES, author, slots),
        reach: rnd.int(50, 5000),
      },
      'organic',
    );
    threads.push({ id, board: board.slug, at });
  }
  for (const p of products) {
    for (let k = 0; k < 3; k++) {
      const at = moment(0, days - 3);
      const lang = localeOf.get(p.vendor)!;
      const name = lang === 'zh' ? p.zh : p.en;
      const body =
        lang === 'zh'
          ? `${name} 现货，平台下单，七天无理由，有问题楼下问。`
          : `${name} in stock. Order through the platform, 7-day returns, ask questions below.`;
      const id = addPost(
        { kind: 'thread', author: p.vendor, at, board: p.board, title: name, body, product: productRef(p), reach: rnd.int(300, 20000) },
        'organic',
      );
      threads.push({ id, board: p.board, at, vendor: p.vendor, product: p });
    }
  }

  // Partnerships, then creators' promotion: some disclosed, some not (the compliance problem).
  const partnerships: SeedPartnership[] = [];
  const promoPosts: Array<{ id: string; product: Product; creator: string; kind: SeedPartnership['kind'] }> = [];
  creators.forEach((creator, ci) => {
    const deals = rnd.int(1, 2);
    for (let d = 0; d < deals; d++) {
      const brand = brands[(ci + d * 3) % brands.length]!;
      const kind = rnd.weighted({ sponsorship: 4, gifted: 3, affiliate: 3 }) as SeedPartnership['kind'];
      const startDay = rnd.int(-20, 30);
      const length = rnd.int(20, 60);
      const startsAt = new Date(start + startDay * DAY);
      const endsAt = rnd.chance(0.3) ? null : new Date(startsAt.getTime() + length * DAY);
      partnerships.push({ creator, brand, kind, startsAt, endsAt, campaign: `${brandOf(brand).en} ${kind} ${d + 1}` });
      const activeFrom = Math.max(0, startDay);
      const activeTo = Math.min(days, endsAt ? startDay + length : days);
      if (activeTo - activeFrom < 2) continue;
      const brandProducts = products.filter((p) => p.brand === brand);
      // Creators who disclose usually do so every time; the rest mostly do not.
      const disclosureRate = rnd.chance(0.5) ? 0.85 : 0.2;
      for (let k = 0; k < rnd.int(4, 8); k++) {
        const product = rnd.pick(brandProducts);
        const lang = localeOf.get(creator)!;
        const disclosed = rnd.chance(disclosureRate);
        const slots = {
          brand: lang === 'zh' ? brandOf(brand).zh : brandOf(brand).en,
          product: lang === 'zh' ? product.zh : product.en,
          link: `https://shop.example/p/${product.id}${kind === 'affiliate' ? `?aff=${creator}` : ''}`,
          code: `${creator.toUpperCase().replace(/-/g, '')}${rnd.int(10, 99)}`,
        };
        const at = moment(activeFrom, activeTo);
        const body = text(disclosed ? PROMO_DISCLOSED : PROMO_UNDISCLOSED, creator, slots);
        const id = addPost(
          {
            kind: 'thread',
            author: creator,
            at,
            board: product.board,
            title: lang === 'zh' ? `${slots.product} 使用体验` : `My take on the ${slots.product}`,
            body,
            product: productRef(product),
            platformLabel: disclosed && rnd.chance(0.3),
            reach: rnd.int(2000, 80000),
          },
          disclosed ? 'disclosed_promo' : 'undisclosed_promo',
        );
        threads.push({ id, board: product.board, at });
        promoPosts.push({ id, product, creator, kind });
      }
    }
  });
  // A creator's genuinely unpaid opinions, so creators are not all promotion.
  for (let i = 0; i < 30; i++) {
    const creator = rnd.pick(creators);
    const board = rnd.pick(BOARDS);
    const slots = topicSlots(board, creator);
    const at = moment(0, days - 1);
    threads.push({
      id: addPost(
        {
          kind: 'thread',
          author: creator,
          at,
          board: board.slug,
          title: text(THREAD_TITLES, creator, slots),
          body: text(THREAD_BODIES, creator, slots),
          reach: rnd.int(500, 30000),
        },
        'organic',
      ),
      board: board.slug,
      at,
    });
  }

  // Spam threads and counterfeit offers.
  for (let i = 0; i < 70; i++) {
    const author = rnd.chance(0.6) ? rnd.pick(members) : rnd.pick(shadyVendors);
    const board = rnd.pick(BOARDS);
    const at = moment(0, days);
    addPost(
      {
        kind: 'thread',
        author,
        at,
        board: board.slug,
        title: text(SPAM, author, { link: `https://bit.example/${rnd.int(1000, 9999)}` }).slice(0, 30),
        body: text(SPAM, author, { link: `https://bit.example/${rnd.int(1000, 9999)}` }),
        reach: rnd.int(10, 800),
      },
      'spam',
    );
  }
  for (let i = 0; i < 20; i++) {
    const author = rnd.pick(shadyVendors);
    const p = rnd.pick(products);
    const lang = localeOf.get(author)!;
    const brandName = lang === 'zh' ? brandOf(p.brand).zh : brandOf(p.brand).en;
    const at = moment(0, days);
    threads.push({
      id: addPost(
        {
          kind: 'thread',
          author,
          at,
          board: p.board,
          title: lang === 'zh' ? `${brandName} 特价` : `${brandName} special price`,
          body: text(COUNTERFEIT, author, { brand: brandName, product: lang === 'zh' ? p.zh : p.en }),
          reach: rnd.int(50, 3000),
        },
        'counterfeit',
      ),
      board: p.board,
      at,
    });
  }

  // Replies: mostly conversation; vendors answer in their own threads; some harvest contacts or push off-platform payment.
  for (let i = 0; i < 1750; i++) {
    const thread = rnd.pick(threads);
    const at = new Date(thread.at.getTime() + rnd.int(2, 60 * 48) * MINUTE);
    if (at.getTime() > options.anchor.getTime()) continue;
    const roll = rnd.next();
    if (thread.vendor && roll < 0.25) {
      addPost(
        { kind: 'reply', author: thread.vendor, at, threadId: thread.id, body: text(VENDOR_ANSWERS, thread.vendor, {}) },
        'vendor_answer',
      );
    } else if (roll < 0.3) {
      const author = rnd.chance(0.5) ? rnd.pick(shadyVendors) : rnd.pick(members);
      addPost({ kind: 'reply', author, at, threadId: thread.id, body: text(CONTACT_HARVEST, author, contactSlots()) }, 'contact_harvest');
    } else if (roll < 0.33) {
      const author = rnd.pick(shadyVendors);
      addPost({ kind: 'reply', author, at, threadId: thread.id, body: text(OFF_PLATFORM, author, {}) }, 'off_platform');
    } else {
      const author = rnd.pick(members);
      addPost({ kind: 'reply', author, at, threadId: thread.id, body: text(ORGANIC_REPLIES, author, {}) }, 'organic');
    }
  }

  // Reviews: genuine ones spread out, and bursts of five-star reviews from brand-new accounts.
  for (let i = 0; i < 360; i++) {
    const author = rnd.pick(members);
    const p = rnd.pick(products);
    const lang = localeOf.get(author)!;
    addPost(
      {
        kind: 'review',
        author,
        at: moment(0, days),
        board: p.board,
        product: productRef(p),
        rating: Number(rnd.weighted({ 5: 5, 4: 4, 3: 2, 2: 1, 1: 1 })),
        body: text(REVIEWS_GENUINE, author, { product: lang === 'zh' ? p.zh : p.en }),
      },
      'organic',
    );
  }
  const freshAccounts: string[] = [];
  for (let burst = 0; burst < 5; burst++) {
    const p = rnd.pick(products);
    const burstAt = moment(5, days - 1);
    const lang: 'zh' | 'en' = burst % 2 ? 'en' : 'zh';
    const size = rnd.int(16, 24);
    for (let k = 0; k < size; k++) {
      const id = `m-new-${burst}-${k}`;
      if (!localeOf.has(id))
        freshAccounts.push(
          addAccount(
            id,
            lang === 'zh' ? `用户${rnd.int(100000, 999999)}` : `user${rnd.int(100000, 999999)}`,
            'member',
            lang,
            new Date(burstAt.getTime() - rnd.int(1, 48) * 3600_000),
          ),
        );
      addPost(
        {
          kind: 'review',
          author: id,
          at: new Date(burstAt.getTime() + rnd.int(0, 120) * MINUTE),
          board: p.board,
          product: productRef(p),
          rating: 5,
          body: text(REVIEWS_FAKE, id, { product: lang === 'zh' ? p.zh : p.en }),
        },
        'fake_review',
      );
    }
  }

  // Live rooms: comments beside a buy link, a few flooded by the same line from many accounts.
  for (let room = 0; room < 12; room++) {
    const host = room % 2 ? rnd.pick(creators) : rnd.pick(vendors);
    const p = rnd.pick(products);
    const lang = localeOf.get(host)!;
    const at = moment(0, days - 1);
    const roomId = addPost(
      {
        kind: 'thread',
        author: host,
        at,
        board: p.board,
        title: text(LIVE_TITLES, host, {
          brand: lang === 'zh' ? brandOf(p.brand).zh : brandOf(p.brand).en,
          topic: lang === 'zh' ? p.zh : p.en,
        }),
        body: lang === 'zh' ? `今晚八点开播，${p.zh} 直播间专享价` : `Live at 8pm, special price on the ${p.en}`,
        product: productRef(p),
        reach: rnd.int(5000, 100000),
      },
      'organic',
    );
    for (let k = 0; k < rnd.int(35, 45); k++) {
      const author = rnd.pick(members);
      addPost(
        {
          kind: 'live_comment',
          author,
          at: new Date(at.getTime() + rnd.int(0, 90) * MINUTE),
          threadId: roomId,
          body: text(LIVE_ORGANIC, author, {}),
        },
        'organic',
      );
    }
    if (room % 3 === 0) {
      const floodAt = at.getTime() + rnd.int(10, 60) * MINUTE;
      const line = rnd.pick(LIVE_FLOOD[lang]);
      const crowd = [...freshAccounts, ...members.slice(0, 10)];
      for (let k = 0; k < rnd.int(20, 30); k++) {
        addPost(
          {
            kind: 'live_comment',
            author: crowd[(k * 7 + room) % crowd.length]!,
            at: new Date(floodAt + rnd.int(0, 300) * 1000),
            threadId: roomId,
            body: line,
          },
          'live_flood',
        );
      }
    }
  }

  posts.sort(
    (a, b) => (a.kind === 'thread' ? 0 : 1) - (b.kind === 'thread' ? 0 : 1) || String(a.postedAt).localeCompare(String(b.postedAt)),
  );

  // Orders: most referred by a post, some through an affiliate creator; a few new accounts buying high and charging back.
  const transactions: TransactionInput[] = [];
  for (let i = 0; i < 440; i++) {
    const buyer = rnd.pick(members);
    const promo = rnd.chance(0.45) ? rnd.pick(promoPosts) : null;
    const p = promo ? promo.product : rnd.pick(products);
    const quantity = rnd.weighted({ 1: 8, 2: 2, 3: 1 });
    const orderedAt = promo
      ? new Date(Date.parse(String(posts.find((x) => x.id === promo.id)!.postedAt)) + rnd.int(10, 60 * 72) * MINUTE)
      : moment(0, days);
    if (orderedAt.getTime() > options.anchor.getTime()) continue;
    const vendorThread = threads.find((t) => t.product === p);
    transactions.push({
      id: `order-${(i + 1).toString().padStart(4, '0')}`,
      buyer: authorRef(buyer),
      vendor: authorRef(p.vendor),
      product: productRef(p),
      amountCents: p.priceCents * Number(quantity),
      currency: 'CNY',
      status: rnd.weighted({
        completed: 82,
        refunded: 7,
        disputed: 4,
        chargeback: 2,
        pending: 3,
        cancelled: 2,
      }) as TransactionInput['status'],
      referralPostId: promo ? promo.id : vendorThread && rnd.chance(0.3) ? vendorThread.id : undefined,
      affiliate: promo && promo.kind === 'affiliate' ? authorRef(promo.creator) : undefined,
      orderedAt: iso(orderedAt),
    });
  }
  for (let i = 0; i < 12; i++) {
    const buyer = rnd.pick(freshAccounts);
    const p = [...products].sort((a, b) => b.priceCents - a.priceCents)[rnd.int(0, 3)]!;
    const joined = Date.parse(String(authorRef(buyer).joinedAt));
    transactions.push({
      id: `order-x${i + 1}`,
      buyer: authorRef(buyer),
      vendor: authorRef(p.vendor),
      product: productRef(p),
      amountCents: p.priceCents * rnd.int(2, 5),
      currency: 'CNY',
      status: rnd.weighted({ chargeback: 4, disputed: 3, completed: 2, pending: 1 }),
      orderedAt: iso(new Date(Math.min(joined + rnd.int(10, 600) * MINUTE, options.anchor.getTime() - MINUTE))),
    });
  }

  // Flags as members' reports left them, older ones already decided by the moderators.
  const flags: SeedFlag[] = [];
  const QUEUE_OF: Partial<Record<SeedCategory, [SeedFlag['queue'], number, string, string, number]>> = {
    spam: ['spam', 40, 'Member report: spam or scam link', 'spam', 0.7],
    live_flood: ['spam', 45, 'Member report: the same comment from many accounts', 'coordinated_spam', 0.3],
    contact_harvest: ['contact_harvesting', 70, 'Moderator patrol: contact details to move buyers off the platform', 'contact_info', 0.75],
    off_platform: ['scam', 85, 'Member report: asks for payment outside the platform', 'off_platform_payment', 0.85],
    counterfeit: ['scam', 80, 'Member report: offers counterfeit goods', 'counterfeit', 0.8],
    fake_review: ['fake_review', 55, 'Moderator patrol: burst of five-star reviews from new accounts', 'fake_review', 0.6],
    undisclosed_promo: ['undisclosed_ad', 60, 'Member report: looks like paid promotion without a label', 'undisclosed_ad', 0.45],
  };
  const moderators = 3;
  for (const post of posts) {
    const category = categories.get(post.id)!;
    const spec = QUEUE_OF[category];
    const falseAlarm = category === 'organic' && rnd.chance(0.012);
    if (!spec && !falseAlarm) continue;
    if (spec && !rnd.chance(spec[4])) continue;
    const [queue, base, reason, reasonCode] = spec ?? (['spam', 35, 'Member report: spam', 'spam'] as const);
    const createdAt = new Date(Date.parse(String(post.postedAt)) + rnd.int(5, 600) * MINUTE);
    if (createdAt.getTime() > options.anchor.getTime()) continue;
    const flag: SeedFlag = {
      subjectType: 'post',
      subject: post.id,
      queue,
      source: queue === 'contact_harvesting' || queue === 'fake_review' ? 'staff' : 'report',
      priority: Math.max(0, Math.min(100, base + rnd.int(-10, 15))),
      reason,
      createdAt,
    };
    const age = options.anchor.getTime() - createdAt.getTime();
    // Queues are worked: the older a flag, the likelier it was decided; a few stragglers stay.
    // Compliance and review-fraud cases need investigation, so their queues move slower.
    const slow = queue === 'undisclosed_ad' || queue === 'fake_review';
    if (rnd.chance(age > 5 * DAY ? (slow ? 0.6 : 0.95) : age > 2 * DAY ? (slow ? 0.25 : 0.5) : 0)) {
      const at = new Date(createdAt.getTime() + rnd.int(10, 60 * 30) * MINUTE);
      const upheld = !falseAlarm && rnd.chance(0.9);
      flag.decision = {
        action: !upheld ? 'approve' : queue === 'undisclosed_ad' ? 'require_disclosure' : 'remove',
        reasonCode: upheld ? reasonCode : 'no_violation',
        at: at.getTime() > options.anchor.getTime() ? new Date(options.anchor.getTime() - MINUTE) : at,
        moderator: rnd.int(0, moderators - 1),
      };
    }
    flags.push(flag);
  }
  for (const t of transactions) {
    const risky = t.id.startsWith('order-x') || t.status === 'chargeback';
    if (!risky) continue;
    const createdAt = new Date(Date.parse(String(t.orderedAt)) + rnd.int(1, 120) * MINUTE);
    if (createdAt.getTime() > options.anchor.getTime()) continue;
    const flag: SeedFlag = {
      subjectType: 'transaction',
      subject: t.id,
      queue: 'suspicious_order',
      source: 'staff',
      priority: 75 + rnd.int(-5, 15),
      reason: t.id.startsWith('order-x') ? 'New account placing a high-value order' : 'Chargeback on an order',
      createdAt,
    };
    if (options.anchor.getTime() - createdAt.getTime() > 2 * DAY && rnd.chance(0.85)) {
      flag.decision = {
        action: rnd.chance(0.7) ? 'hold' : 'approve',
        reasonCode: 'fraud_risk',
        at: new Date(Math.min(createdAt.getTime() + rnd.int(30, 900) * MINUTE, options.anchor.getTime() - MINUTE)),
        moderator: rnd.int(0, moderators - 1),
      };
    }
    flags.push(flag);
  }

  return { accounts, posts, transactions, partnerships, flags, categories };
}
