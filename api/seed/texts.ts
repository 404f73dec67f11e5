/*
 * Templates for the demo community. They are written to look like a bilingual shopping forum,
 * with the abuse patterns of ../shared/DOMAIN.md mixed in at realistic rates. They are demo
 * content only: the classifier's training and evaluation sets are built separately so that the
 * model is never scored on the templates that made the demo.
 */

export interface Board {
  slug: string;
  zh: string;
  en: string;
  topicsZh: string[];
  topicsEn: string[];
}

export const BOARDS: Board[] = [
  {
    slug: 'digital',
    zh: '数码',
    en: 'Gadgets',
    topicsZh: ['降噪耳机', '充电宝', '机械键盘', '手机壳', '平板'],
    topicsEn: ['noise-cancelling headphones', 'power bank', 'mechanical keyboard', 'phone case', 'tablet'],
  },
  {
    slug: 'beauty',
    zh: '美妆',
    en: 'Beauty',
    topicsZh: ['防晒霜', '精华液', '粉底', '卸妆油', '面膜'],
    topicsEn: ['sunscreen', 'serum', 'foundation', 'cleansing oil', 'sheet mask'],
  },
  {
    slug: 'outdoor',
    zh: '户外',
    en: 'Outdoors',
    topicsZh: ['登山鞋', '帐篷', '冲锋衣', '睡袋', '登山杖'],
    topicsEn: ['hiking boots', 'tent', 'rain shell', 'sleeping bag', 'trekking poles'],
  },
  {
    slug: 'home',
    zh: '家居',
    en: 'Home',
    topicsZh: ['空气炸锅', '扫地机器人', '收纳盒', '床垫', '台灯'],
    topicsEn: ['air fryer', 'robot vacuum', 'storage boxes', 'mattress', 'desk lamp'],
  },
  {
    slug: 'parenting',
    zh: '母婴',
    en: 'Parenting',
    topicsZh: ['婴儿推车', '奶瓶', '纸尿裤', '儿童座椅', '辅食机'],
    topicsEn: ['stroller', 'baby bottles', 'diapers', 'car seat', 'baby food maker'],
  },
  {
    slug: 'food',
    zh: '美食',
    en: 'Food',
    topicsZh: ['咖啡豆', '螺蛳粉', '坚果礼盒', '茶叶', '辣酱'],
    topicsEn: ['coffee beans', 'instant noodles', 'nut gift box', 'loose-leaf tea', 'chili sauce'],
  },
];

export interface BrandSeed {
  handle: string;
  zh: string;
  en: string;
  board: string;
  products: Array<{ zh: string; en: string; priceCents: number }>;
}

export const BRANDS: BrandSeed[] = [
  {
    handle: 'soundjoy',
    zh: '声悦',
    en: 'SoundJoy',
    board: 'digital',
    products: [
      { zh: '声悦 Air3 降噪耳机', en: 'SoundJoy Air3 ANC earbuds', priceCents: 59900 },
      { zh: '声悦 Go 充电宝', en: 'SoundJoy Go power bank', priceCents: 12900 },
    ],
  },
  {
    handle: 'keyforge',
    zh: '键匠',
    en: 'KeyForge',
    board: 'digital',
    products: [{ zh: '键匠 K87 机械键盘', en: 'KeyForge K87 keyboard', priceCents: 39900 }],
  },
  {
    handle: 'clearskin',
    zh: '澄肌',
    en: 'ClearSkin',
    board: 'beauty',
    products: [
      { zh: '澄肌 清透防晒霜 SPF50', en: 'ClearSkin sheer sunscreen SPF50', priceCents: 16800 },
      { zh: '澄肌 修护精华', en: 'ClearSkin repair serum', priceCents: 32900 },
    ],
  },
  {
    handle: 'trailpeak',
    zh: '山野',
    en: 'TrailPeak',
    board: 'outdoor',
    products: [
      { zh: '山野 GTX 登山鞋', en: 'TrailPeak GTX hiking boots', priceCents: 89900 },
      { zh: '山野 轻量帐篷', en: 'TrailPeak ultralight tent', priceCents: 129900 },
    ],
  },
  {
    handle: 'cozynest',
    zh: '暖居',
    en: 'CozyNest',
    board: 'home',
    products: [
      { zh: '暖居 5L 空气炸锅', en: 'CozyNest 5L air fryer', priceCents: 39900 },
      { zh: '暖居 扫地机器人 S2', en: 'CozyNest S2 robot vacuum', priceCents: 159900 },
    ],
  },
  {
    handle: 'littlesprout',
    zh: '小禾',
    en: 'LittleSprout',
    board: 'parenting',
    products: [{ zh: '小禾 轻便婴儿推车', en: 'LittleSprout light stroller', priceCents: 149900 }],
  },
  {
    handle: 'flavorlab',
    zh: '味研',
    en: 'FlavorLab',
    board: 'food',
    products: [
      { zh: '味研 云南咖啡豆', en: 'FlavorLab Yunnan coffee beans', priceCents: 8900 },
      { zh: '味研 坚果礼盒', en: 'FlavorLab nut gift box', priceCents: 15900 },
    ],
  },
  {
    handle: 'velofit',
    zh: '速行',
    en: 'VeloFit',
    board: 'outdoor',
    products: [{ zh: '速行 冲锋衣', en: 'VeloFit rain shell', priceCents: 69900 }],
  },
];

type Lang = 'zh' | 'en';
export type TemplateSet = Record<Lang, string[]>;

export const THREAD_TITLES: TemplateSet = {
  zh: [
    '{topic}怎么选？预算{price}左右',
    '求推荐：{topic}',
    '用了三个月的{topic}，说说感受',
    '{topic}踩坑记录',
    '大家的{topic}都是在哪买的',
    '新手求问{topic}有必要买贵的吗',
    '{topic}横评，欢迎补充',
    '关于{topic}的售后问题',
  ],
  en: [
    'Which {topic} should I get for about {price}?',
    'Recommendations: {topic}',
    'Three months with my {topic}: thoughts',
    'Lessons learned buying a {topic}',
    'Where do you all buy your {topic}?',
    'Is an expensive {topic} worth it for a beginner?',
    '{topic} comparison thread, add yours',
    'After-sales experience with {topic}',
  ],
};

export const THREAD_BODIES: TemplateSet = {
  zh: [
    '最近想入手{topic}，看了好多评测还是拿不定主意。主要用来日常通勤，大家有什么建议吗？',
    '之前买的{topic}用了半年就坏了，这次想买个靠谱点的，预算{price}以内，求各位指点。',
    '整理了一下自己用过的几款{topic}，优缺点都写在下面了，有不同意见欢迎讨论。',
    '请教一下，{topic}在网上买和线下买差别大吗？担心买到翻新的。',
    '分享一下我的使用体验：{topic}用了三个月，续航和做工都还行，就是价格有点高。',
    '有没有人遇到过{topic}退货被拒的情况？想了解一下平台的售后规则。',
  ],
  en: [
    "I'm looking at a {topic} for my commute and can't decide after reading a dozen reviews. Any advice?",
    'My last {topic} broke after six months. Looking for something more reliable under {price}. Thoughts?',
    'I put together notes on every {topic} I have owned, pros and cons below. Disagreements welcome.',
    'Is there a real difference between buying a {topic} online or in a store? Worried about refurbished units.',
    'Quick experience report: three months with this {topic}. Battery and build are fine, price is steep.',
    'Has anyone had a {topic} return refused? Trying to understand how the platform handles it.',
  ],
};

export const ORGANIC_REPLIES: TemplateSet = {
  zh: [
    '我用的是同款，还不错，就是有点重。',
    '看需求吧，通勤的话没必要买顶配。',
    '同问，坐等大佬回答。',
    '建议去线下店试一下再买。',
    '我上个月刚买，目前没发现什么问题。',
    '售后还行，换过一次。',
    '这个价位的话可以再等等活动。',
    '楼主说得挺中肯的，收藏了。',
    '感觉性价比一般，不如看看别的牌子。',
    '有没有实拍图？想看看颜色。',
    '我家用了一年了，质量可以。',
    '退货的话记得保留包装。',
  ],
  en: [
    'I have the same one, pretty good but a bit heavy.',
    "Depends on what you need; for commuting the top model isn't necessary.",
    'Same question, following.',
    'Try it in a store before buying if you can.',
    'Bought mine last month, no issues so far.',
    'Support was fine, they replaced mine once.',
    'At that price I would wait for a sale.',
    'Fair summary, bookmarking this.',
    'Not great value in my opinion, look at other brands.',
    'Any real photos? I want to see the color.',
    "We've used ours for a year, quality holds up.",
    'Keep the packaging in case you return it.',
  ],
};

/** A vendor answering in its own thread: legitimate, and the reason vendors are not flagged for merely replying. */
export const VENDOR_ANSWERS: TemplateSet = {
  zh: [
    '您好，这款支持七天无理由退货，平台下单即可享受售后。',
    '感谢反馈，这个问题我们已经在新批次改进了。',
    '亲，尺码偏大，建议拍小一码。',
    '保修一年，有问题可以直接在平台申请。',
  ],
  en: [
    'Hi, this one has a 7-day no-questions return if you order through the platform.',
    'Thanks for the feedback, the newer batch fixes that.',
    'It runs large; we suggest one size down.',
    'One-year warranty; you can file a claim right on the platform.',
  ],
};

export const REVIEWS_GENUINE: TemplateSet = {
  zh: [
    '用了两周，{product}整体满意，包装有点简陋。',
    '{product}比预期的好，物流也快。',
    '一般般吧，{product}做工有瑕疵，客服处理还算及时。',
    '第二次回购{product}了，稳定发挥。',
    '{product}不太适合我，已经退了，退款很快。',
  ],
  en: [
    'Two weeks in, happy with the {product} overall; packaging was flimsy.',
    'The {product} is better than I expected and shipping was fast.',
    'Meh. The {product} had a small defect; support sorted it out.',
    'Second time buying the {product}, consistent quality.',
    "The {product} didn't suit me; returned it and got the refund quickly.",
  ],
};

/** Burst reviews from fresh accounts: near-identical praise, sometimes with cash back for five stars. */
export const REVIEWS_FAKE: TemplateSet = {
  zh: [
    '非常好用！{product}质量超级好，五星好评！',
    '{product}太好了，强烈推荐，五星！',
    '好评！{product}物超所值，会回购！',
    '收到了，{product}很好，好评返现已领，谢谢老板',
  ],
  en: [
    'Amazing!!! {product} is perfect, five stars!',
    'Best {product} ever, highly recommend, 5 stars!',
    'Great value {product}, will buy again!!',
    'Received, {product} great, left 5 stars for the cashback, thanks seller',
  ],
};

/** Creators with an active partnership, saying so. */
export const PROMO_DISCLOSED: TemplateSet = {
  zh: [
    '【广告】和{brand}合作，试用了{product}两周，说说真实感受：质地轻薄，不闷痘。链接在下面 {link}',
    '本帖为{brand}品牌方赞助。{product}的续航确实不错，适合通勤。',
    '#合作 感谢{brand}寄来的{product}，以下是一周的使用体验。',
    '恰饭视频～{brand}的{product}，优惠码 {code} 可以减 20 元。',
  ],
  en: [
    '#ad I partnered with {brand} to try the {product} for two weeks. Honest take: light, no breakouts. Link: {link}',
    'Paid partnership with {brand}. The {product} battery really is good for commuting.',
    'Sponsored by {brand}: here is my week with the {product}.',
    'Gifted by {brand}. The {product} surprised me; code {code} gets you 10% off (I earn a commission).',
  ],
};

/** The compliance problem: the same praise, from a partnered creator, with no disclosure at all. */
export const PROMO_UNDISCLOSED: TemplateSet = {
  zh: [
    '真心安利{brand}的{product}！用了一个月皮肤状态好太多了，姐妹们冲 {link}',
    '种草了好久的{product}终于入手，{brand}这次真的没让我失望，链接放这了 {link}',
    '最近出门必带{product}，{brand}yyds，用我的码 {code} 还有优惠',
    '自用分享：{brand} {product}，性价比天花板，不接受反驳',
  ],
  en: [
    'Obsessed with the {brand} {product}! A month in and my skin is so much better, grab it here {link}',
    'Finally got the {product} I had been eyeing, {brand} did not disappoint. Link: {link}',
    'Never leave home without my {product} now. {brand} is the best, use my code {code}',
    'Just sharing what I use: {brand} {product}, best value out there, no debate',
  ],
};

export const SPAM: TemplateSet = {
  zh: [
    '兼职日结，每天两小时，月入过万，有意者私聊',
    '免费领取会员，点击 {link} 马上到账',
    '恭喜您中奖了！请登录 {link} 领取奖品',
    '低价代购各种名牌，全网最低价，质量保证',
    '专业刷粉刷赞，需要的联系',
  ],
  en: [
    'Check out my channel for daily giveaways!!! {link}',
    'Make $500/day from home, no experience needed, DM me',
    'Your account will be suspended, verify now at {link}',
    'Send 0.1 BTC and get 0.2 back, limited time {link}',
    'Follow for follow? I follow back everyone',
  ],
};

export const CONTACT_HARVEST: TemplateSet = {
  zh: [
    '想要的加我微信 {wechat} 私聊，比平台便宜',
    '有货，加V {wechat}，详细的私下说',
    '需要的扣扣 {qq}，备注论坛',
    '想了解的打我电话 {phone}',
    '加我私聊，威信：{wechat}',
  ],
  en: [
    'Interested? Add me on WhatsApp {phone}, cheaper than here',
    'DM me on Telegram @{wechat} for the real price',
    'Text me at {phone}, I have more stock',
    'Contact me directly: {wechat}@mail.example for a better deal',
  ],
};

export const OFF_PLATFORM: TemplateSet = {
  zh: ['别走平台了，直接转我支付宝，便宜五十', '支付宝/微信转账更便宜，平台扣点太高', '直接转我，发货更快，不走平台'],
  en: [
    'Pay me via Zelle and skip the platform fee',
    'Send it friends and family on PayPal and I knock 15% off',
    'CashApp me directly, faster shipping',
  ],
};

export const COUNTERFEIT: TemplateSet = {
  zh: ['高仿{brand}，1:1做工，懂的来', '{product}原单尾货，专柜品质，价格美丽', 'A货{product}，细节和正品一样'],
  en: ['1:1 replica {brand}, same factory, you know what this is', '{product} factory overrun, retail quality, tiny price'],
};

export const LIVE_ORGANIC: TemplateSet = {
  zh: ['主播这个颜色好看', '有没有大码？', '多少钱？', '已下单', '能讲讲成分吗', '什么时候发货', '上次买的很好用', '求返场'],
  en: [
    'love this color',
    'is there a larger size?',
    'how much?',
    'just ordered',
    'can you show the ingredients?',
    'when does it ship?',
    'the last one I bought was great',
    'please restock',
  ],
};

/** The same line from many accounts in one live room within minutes (水军 / 刷屏). */
export const LIVE_FLOOD: TemplateSet = {
  zh: ['主播太美了，已拍三单！', '全网最低价，赶紧冲！', '买它买它买它！'],
  en: ['Best deal ever, buy now!!!', 'Already bought 3, go go go!', 'Lowest price anywhere, hurry!'],
};

export const LIVE_TITLES: TemplateSet = {
  zh: ['直播：{brand} 新品首发', '直播间：{topic} 限时秒杀'],
  en: ['LIVE: {brand} launch', 'Live room: {topic} flash sale'],
};

export const MEMBER_NAMES = {
  zh: [
    '小鹿',
    '阿杰',
    '橙子',
    '大熊',
    '木木',
    '阿宁',
    '晓雪',
    '老周',
    '果果',
    '安安',
    '小米',
    '阿飞',
    '糖糖',
    '可乐',
    '子墨',
    '一一',
    '大白',
    '秋秋',
    '星河',
    '小林',
  ],
  en: ['mia', 'jordan', 'sam', 'alex', 'priya', 'leo', 'nora', 'tom', 'eva', 'ken', 'lena', 'omar', 'zoe', 'ben', 'ivy', 'max'],
};

export const CREATOR_NAMES = {
  zh: ['种草小能手', '通勤测评君', '户外老K', '美妆研究所', '宝妈日记', '数码阿宇', '厨房实验室'],
  en: ['gearwithgrace', 'thecommutetester', 'trailtalks', 'skinnotes', 'homelabdan'],
};

export const VENDOR_NAMES = {
  zh: ['数码小铺', '美妆优选', '户外装备店', '家居百货', '母婴严选', '零食铺子', '耳机专营'],
  en: ['gadgetcorner', 'glowshop', 'basecampgear', 'homebasics', 'snackdrawer'],
};
