/*
 * Templates for the labelled discussion-commerce set. Written for this project, separately from
 * the demo community's texts. Slots draw on one shared vocabulary (products, brands, prices,
 * links, shops) so that no slot word gives a label away: organic posts name brands, prices and
 * links too. Each template belongs to one split only (see generate.ts), so the test set measures
 * phrasings the model never saw.
 */
export type Category = 'organic' | 'disclosed_promo' | 'undisclosed_promo' | 'spam_sales' | 'spam_scam';

export const TEMPLATES: Record<Category, { zh: string[]; en: string[] }> = {
  organic: {
    zh: [
      '我的{product}用了三个月，{feature}还行，就是{flaw}，{price}的价格有点贵',
      '有人知道{brand}的售后怎么样吗？我的{product}{flaw}',
      '{product}和{product2}怎么选？预算{price}，主要{use}',
      '看了这篇测评 {link} ，感觉{product}的{feature}被夸大了',
      '退货了，{product}{flaw}，客服态度倒是不错',
      '请问{product}能{use}吗？说明书上没写清楚',
      '同款{product}，{feature}确实好，不过我是{price}在{shop}买的，现在降价了有点亏',
      '不推荐{brand}，用了半年{flaw}，找售后一直拖',
      '楼主可以看看官方说明 {link} ，{feature}那一节讲得很清楚',
      '我觉得{product}够用了，没必要追新款，{use}完全没问题',
      '家里老人用{product}，{feature}挺方便，就是{flaw}',
      '刚开箱{product}，第一感觉{feature}不错，用一段时间再来反馈',
      '这不是广告，纯吐槽：{brand}的{product}{flaw}',
      '现在论坛里软广太多了，看到{brand}就想划走',
      '二手的{product}大概值多少？原价{price}，用了一年',
      '{shop}的物流太慢了，{product}等了一周才到',
    ],
    en: [
      'Had my {product} for three months. {feature} is fine but {flaw}. Not sure it was worth {price}.',
      'Anyone dealt with {brand} support? My {product} {flaw}.',
      'Torn between the {product} and the {product2}. Budget is {price}, mostly for {use}.',
      'Read this review {link} and I think they oversold the {feature} of the {product}.',
      'Returned the {product} because it {flaw}. Support was polite at least.',
      'Can the {product} handle {use}? The manual is vague.',
      'Same {product} here, {feature} is great, but I paid {price} at {shop} and now it is cheaper.',
      'Would not recommend {brand}. Half a year in and it {flaw}, warranty claim still pending.',
      'Check the official FAQ {link}, the section on {feature} answers this.',
      'Honestly the {product} is enough, no need to upgrade for {use}.',
      'Got a {product} for my parents, {feature} helps, though it {flaw}.',
      'Just unboxed the {product}, first impression: {feature} is nice. Will report back.',
      'Not sponsored, just annoyed: the {brand} {product} {flaw}.',
      'So many disguised ads on this board lately, I skip anything mentioning {brand}.',
      'What is a used {product} worth? Paid {price} new, one year old.',
      'Shipping from {shop} is painfully slow, waited a week for my {product}.',
    ],
  },
  disclosed_promo: {
    zh: [
      '【广告】{brand}{product}上新，{feature}升级，点击 {link} 下单立减',
      '本帖由{brand}赞助：{product}真的{feature}，链接放这里 {link} ，优惠码{code}',
      '#合作 感谢{brand}送的{product}，{feature}很惊艳，想入手的用我的码{code}',
      '恰饭视频～{brand}{product}限时{price}，{link} 冲就完事了',
      '品牌方提供的{product}，用了两周，{feature}确实好，购买链接 {link}',
      '广告｜{brand}年货节，{product}到手价{price}，戳 {link}',
      '和{brand}合作推广：{product}{feature}，评论区抽三位送同款，下单走 {link}',
      '赞助内容：{shop}的{product}正在打折，{price}包邮，链接 {link}',
    ],
    en: [
      '#ad The new {brand} {product} has upgraded {feature}. Grab it here {link} with code {code}.',
      'Sponsored by {brand}: the {product} really nails {feature}. Link below {link}',
      'Paid partnership with {brand}. Loving the {product}, use my code {code} for {price} off.',
      'Gifted by {brand}, but my opinions are my own: {feature} is superb. Shop it at {link}',
      '#sponsored {shop} has the {product} down to {price} this week, link in comments {link}',
      'Ad: {brand} holiday sale, {product} for just {price}. Tap {link}',
      'In partnership with {brand}: giving away three {product}s, buy yours at {link}',
      'This post contains affiliate links, I earn a commission: {product} {link}',
    ],
  },
  undisclosed_promo: {
    zh: [
      '真心安利{brand}的{product}！{feature}绝了，链接在这 {link} 姐妹们冲',
      '种草了好久的{product}终于入手，{feature}太香了，{price}闭眼买 {link}',
      '最近离不开{brand}{product}，用我的码{code}还能便宜，不用谢',
      '自用分享：{product}，{feature}天花板，{shop}现在{price}，手慢无',
      '吹爆{brand}！{product}{feature}，已经回购三次，购买戳 {link}',
      '谁还没用过{product}？{feature}真的会上瘾，{price}入，链接给你们 {link}',
      '{brand}yyds，{product}买它买它，下单备注我的名字有小礼物',
      '挖到宝了，{shop}的{product}，{feature}完全不输大牌，{link}',
    ],
    en: [
      'Obsessed with my {brand} {product}! {feature} is unreal, grab one here {link}',
      'Finally got the {product} I had been eyeing, {feature} is everything. {price} well spent {link}',
      'Cannot live without my {brand} {product}, use my code {code} and thank me later.',
      'Just sharing what I use: the {product}, best {feature} out there, {shop} has it for {price}, hurry',
      'I am a {brand} convert. The {product} and its {feature}, rebought it three times. Buy: {link}',
      'If you do not own a {product} yet, fix that. {feature} is addictive. {price} at {link}',
      'Everyone needs the {brand} {product}. Mention my name at checkout for a gift.',
      'Hidden gem: the {product} from {shop} beats the big brands on {feature}. {link}',
    ],
  },
  spam_sales: {
    zh: [
      '全网最低价{product}，加微信{wechat}私聊，比平台便宜',
      '代购各种大牌{product}，原单尾货，需要的扣扣{qq}',
      '高仿{brand}{product}，1:1做工，懂的来，V信{wechat}',
      '批发{product}，量大从优，电话{phone}',
      '别走平台了，{product}直接转我支付宝，便宜{price}',
      '刷单兼职日结，每天两小时，有意加{wechat}',
    ],
    en: [
      'Cheapest {product} anywhere, WhatsApp me {phone}, way cheaper than here',
      'Replica {brand} {product}, same factory, DM me on Telegram @{wechat}',
      'Wholesale {product} in bulk, text {phone} for the price list',
      'Skip the platform fee, pay me via Zelle and the {product} is {price}',
      'Make $500 a day reselling {product}, no experience needed, DM me',
      'Bulk followers and likes for your shop, contact {wechat}@mail.example',
    ],
  },
  spam_scam: {
    zh: [
      '恭喜您中奖了！请登录 {link} 领取奖品',
      '您的账号存在异常将被冻结，请立即验证 {link}',
      '免费领取会员，点击 {link} 马上到账',
      '互关互赞，回关必回，关注我的主页',
      '紧急通知：包裹地址有误，请点击 {link} 重新填写',
    ],
    en: [
      'Congratulations, you have won! Claim your prize at {link}',
      'Your account will be suspended, verify now at {link}',
      'Send 0.1 BTC and get 0.2 back, limited time {link}',
      'Follow for follow? I follow back everyone, check out my channel',
      'Your parcel could not be delivered, update your address {link}',
    ],
  },
};

export const SLOTS = {
  zh: {
    product: ['降噪耳机', '充电宝', '机械键盘', '防晒霜', '精华液', '登山鞋', '帐篷', '空气炸锅', '扫地机器人', '婴儿推车', '咖啡豆', '坚果礼盒', '冲锋衣', '台灯', '面膜'],
    brand: ['声悦', '键匠', '澄肌', '山野', '暖居', '小禾', '味研', '速行', '极光', '青木'],
    feature: ['续航', '降噪效果', '手感', '保湿', '防水', '做工', '吸力', '口感', '颜值', '性价比'],
    flaw: ['充电口松了', '两周就坏了', '有异味', '掉色严重', '噪音很大', '漏气', '尺码偏小', '发货太慢'],
    use: ['通勤', '露营', '带娃', '办公', '健身', '送礼'],
    price: ['199元', '¥299', '599块', '89元', '1299元', '¥45'],
    shop: ['旗舰店', '数码小铺', '美妆优选', '户外装备店', '家居百货', '官方商城'],
  },
  en: {
    product: ['ANC earbuds', 'power bank', 'mechanical keyboard', 'sunscreen', 'serum', 'hiking boots', 'tent', 'air fryer', 'robot vacuum', 'stroller', 'coffee beans', 'nut gift box', 'rain shell', 'desk lamp', 'sheet mask'],
    brand: ['SoundJoy', 'KeyForge', 'ClearSkin', 'TrailPeak', 'CozyNest', 'LittleSprout', 'FlavorLab', 'VeloFit', 'Aurora', 'Greenwood'],
    feature: ['battery life', 'noise cancelling', 'typing feel', 'hydration', 'waterproofing', 'build quality', 'suction', 'taste', 'design', 'value'],
    flaw: ['stopped charging', 'broke after two weeks', 'smells odd', 'faded fast', 'is really loud', 'leaks air', 'runs small', 'shipped late'],
    use: ['commuting', 'camping', 'the kids', 'office work', 'the gym', 'gifts'],
    price: ['$19', '$49', '$120', '$8.99', '$299', '$35'],
    shop: ['the flagship store', 'GadgetCorner', 'GlowShop', 'BaseCamp Gear', 'HomeBasics', 'the official store'],
  },
  link: ['https://shop.example/p/{n}', 'https://s.example/{n}', 'https://www.store.example/item/{n}', 'https://review.example/{n}', 'https://help.example/faq/{n}', 'https://bit.example/{n}'],
};
