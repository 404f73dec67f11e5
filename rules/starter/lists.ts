import {
  DEFAULT_AMBIGUOUS_PHRASES,
  DEFAULT_CREDIT_PHRASES,
  DEFAULT_DISCLOSURE_PHRASES,
  DEFAULT_MENTION_CUES,
  DEFAULT_NON_MARKERS,
} from '../disclosure/grammar';
import { DEFAULT_AFFILIATE_LINK_PATTERNS } from '../disclosure/commercialLinks';

export interface StarterList {
  name: string;
  description: string;
  items: string[];
}

/** Lists the starter policies refer to; community managers and compliance edit them in the console. */
export const STARTER_LISTS: StarterList[] = [
  {
    name: 'blocked_domains',
    description: 'Link domains that are never allowed (phishing, scam shops, link shorteners used for spam). Subdomains match too.',
    items: ['bit.example', 'scam.example', 'free-gift.example', 'login-verify.example'],
  },
  {
    name: 'disclosure_phrases',
    description:
      'Words that disclose paid promotion (广告, ad, Paid partnership …). A single word counts in a label form (#ad, (广告), "Ad:", 【推广】, a line of its own); a phrase of several words also in running text. Used by the disclosure verdict.',
    items: [...DEFAULT_DISCLOSURE_PHRASES],
  },
  {
    name: 'disclosure_credit_phrases',
    description:
      'Credits that name who paid or gave, with {brand} for the name ("sponsored by {brand}", "感谢{brand}提供"). A clear disclosure where a reader sees it.',
    items: [...DEFAULT_CREDIT_PHRASES],
  },
  {
    name: 'disclosure_ambiguous_phrases',
    description:
      'Wording that alone does not tell a reader the post is paid (#sp, #collab, "thanks {brand}", 感谢{brand}, 合作): weakly disclosed.',
    items: [...DEFAULT_AMBIGUOUS_PHRASES],
  },
  {
    name: 'disclosure_non_markers',
    description: 'Phrases in which a marker word is no disclosure: denials (不是广告, not sponsored) and other senses (广告牌, ad hoc).',
    items: [...DEFAULT_NON_MARKERS],
  },
  {
    name: 'disclosure_mention_cues',
    description:
      'Words that, in the same clause as a disclosure phrase, make it talk about disclosure rather than disclose (新规, 要标, FTC, people write).',
    items: [...DEFAULT_MENTION_CUES],
  },
  {
    name: 'affiliate_link_patterns',
    description:
      'Affiliate networks, redirectors, tracking parameters and storefronts, one per line: "pattern | kind | source". pattern: host, host/path, host?param=prefix or ?param=prefix (amazon.* for any country); kind: affiliate, storefront or share (share counts only beside a call to buy).',
    items: [...DEFAULT_AFFILIATE_LINK_PATTERNS],
  },
  {
    name: 'off_platform_payment_phrases',
    description: 'Ways of asking to be paid outside the platform, which removes buyer protection.',
    items: [
      '直接转我',
      '支付宝转账',
      '微信转账',
      '转账更便宜',
      '别走平台',
      '不走平台',
      '私下交易',
      '线下交易',
      'zelle',
      'cashapp',
      'cash app',
      'friends and family',
      'venmo me',
      'pay me directly',
      'skip the platform fee',
    ],
  },
  {
    name: 'counterfeit_terms',
    description: 'Counterfeit trade slang (高仿, A货, 原单, 1:1 …).',
    items: ['高仿', 'a货', '原单', '尾单', '1:1', '懂的来', '复刻', '超a', 'replica', 'factory overrun', 'same factory', 'mirror quality'],
  },
  {
    name: 'review_incentive_phrases',
    description: 'Paying for good reviews (好评返现 is forbidden by the E-Commerce Law; the FTC bans buying reviews).',
    items: [
      '好评返现',
      '五星返现',
      '好评有礼',
      '晒图返现',
      'cashback for 5 stars',
      'for the cashback',
      'refund for a review',
      'free product for review',
    ],
  },
];
