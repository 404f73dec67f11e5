import { DEFAULT_DISCLOSURE_PHRASES } from '../facts/disclosure';

export interface StarterList {
  name: string;
  description: string;
  items: string[];
}

/** Lists the starter policies refer to; community managers and compliance edit them in the console. */
export const STARTER_LISTS: StarterList[] = [
  { name: 'blocked_domains', description: 'Link domains that are never allowed (phishing, scam shops, link shorteners used for spam). Subdomains match too.', items: ['bit.example', 'scam.example', 'free-gift.example', 'login-verify.example'] },
  { name: 'disclosure_phrases', description: 'Words that disclose paid promotion (广告, #ad, Paid partnership …). Used by the disclosure facts.', items: [...DEFAULT_DISCLOSURE_PHRASES] },
  { name: 'off_platform_payment_phrases', description: 'Ways of asking to be paid outside the platform, which removes buyer protection.', items: ['直接转我', '支付宝转账', '微信转账', '转账更便宜', '别走平台', '不走平台', '私下交易', '线下交易', 'zelle', 'cashapp', 'cash app', 'friends and family', 'venmo me', 'pay me directly', 'skip the platform fee'] },
  { name: 'counterfeit_terms', description: 'Counterfeit trade slang (高仿, A货, 原单, 1:1 …).', items: ['高仿', 'a货', '原单', '尾单', '1:1', '懂的来', '复刻', '超a', 'replica', 'factory overrun', 'same factory', 'mirror quality'] },
  { name: 'review_incentive_phrases', description: 'Paying for good reviews (好评返现 is forbidden by the E-Commerce Law; the FTC bans buying reviews).', items: ['好评返现', '五星返现', '好评有礼', '晒图返现', 'cashback for 5 stars', 'for the cashback', 'refund for a review', 'free product for review'] },
];
