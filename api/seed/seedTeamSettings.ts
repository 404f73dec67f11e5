import type { Knex } from 'knex';

/** Demo targets, in minutes: fraud and scams first, disclosure and board health within a day or two. */
export const DEMO_SLA_MINUTES: Record<string, number> = {
  scam: 60,
  suspicious_order: 60,
  contact_harvesting: 120,
  spam: 240,
  fake_review: 480,
  member_reports: 480,
  undisclosed_ad: 1440,
  community: 2880,
};

type Template = [title: string, en: string, zh: string];

/** Canned decision notes per queue, in both languages, as a community manager would first write them. */
export const DEMO_NOTE_TEMPLATES: Record<string, Template[]> = {
  spam: [
    [
      'Repeated links',
      'This post repeats links to an outside shop, which the community rules treat as spam.',
      '此帖反复发布外部店铺链接，依据社区规则属于垃圾信息。',
    ],
    ['Off-topic promotion', 'This post promotes a product unrelated to the thread it was posted in.', '此帖推广与所在话题无关的商品。'],
    ['Looks fine', 'Reviewed: the links are relevant to the discussion and not spam.', '已复核：链接与讨论相关，不属于垃圾信息。'],
  ],
  scam: [
    [
      'Payment off-platform',
      'This post asks members to pay outside the platform, a common pattern in scams.',
      '此帖要求会员在平台外付款，这是常见的诈骗手法。',
    ],
    ['Fake giveaway', 'This post announces a giveaway that collects payment or personal details.', '此帖以抽奖为名收取费用或个人信息。'],
  ],
  contact_harvesting: [
    [
      'Contact details collected',
      'This post asks members to share phone numbers or messaging handles in public.',
      '此帖要求会员公开留下电话号码或聊天账号。',
    ],
    [
      'Own shop contact',
      'Reviewed: the contact given is the vendor’s registered shop channel.',
      '已复核：所留联系方式为商家登记的店铺渠道。',
    ],
  ],
  fake_review: [
    [
      'Review burst',
      'This review is part of a burst of near-identical reviews from new accounts.',
      '此评价属于新账号集中发布的一批雷同评价。',
    ],
    ['No purchase', 'This review describes a purchase the platform has no record of.', '此评价所述购买在平台上没有记录。'],
  ],
  suspicious_order: [
    ['Self-referral', 'This order was referred by the buyer’s own post to earn commission.', '此订单通过买家本人的帖子推荐以赚取佣金。'],
    ['Verified order', 'Reviewed: the order matches the buyer’s usual purchases.', '已复核：订单与买家以往的购买习惯一致。'],
  ],
  undisclosed_ad: [
    [
      'Label required',
      'This post promotes a brand you have a paid relationship with; add an "Ad" or "广告" label.',
      '此帖推广与您有付费合作关系的品牌，请添加“广告”或“#ad”标注。',
    ],
    [
      'Gifted product',
      'The product was gifted by the brand: say so in the post ("gifted" / "品牌赠送").',
      '该商品为品牌赠送，请在帖子中注明（“品牌赠送”/“gifted”）。',
    ],
  ],
  community: [
    [
      'Vendor flood',
      'Vendors posted more than this board’s share allows; the newest promotional posts were removed.',
      '商家发帖超过本版块允许的比例，最新的推广帖已被删除。',
    ],
  ],
  member_reports: [
    [
      'Harassment',
      'This post targets another member with insults, which the community rules do not allow.',
      '此帖辱骂其他会员，违反社区规则。',
    ],
    [
      'Report not upheld',
      'Reviewed after member reports: the post does not break the community rules.',
      '已根据会员举报复核：此帖未违反社区规则。',
    ],
  ],
};

/** The demo's queue targets and canned notes, written in the seed's transaction. */
export async function seedTeamSettings(trx: Knex.Transaction, now: Date): Promise<void> {
  await trx('queue_settings')
    .insert(Object.entries(DEMO_SLA_MINUTES).map(([queue, minutes]) => ({ queue, sla_minutes: minutes, updated_at: now })))
    .onConflict('queue')
    .ignore();
  const rows = Object.entries(DEMO_NOTE_TEMPLATES).flatMap(([queue, list]) =>
    list.map(([title, en, zh], i) => ({ queue, slot: i + 1, title, text_en: en, text_zh: zh, created_at: now, updated_at: now })),
  );
  await trx('note_templates').insert(rows).onConflict(['queue', 'slot']).ignore();
}
