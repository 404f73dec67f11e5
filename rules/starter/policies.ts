import type { PolicyDocument } from '../policy/document';

export interface StarterPolicy {
  /** Stable id of the starter text: the console translates `starter_policy.<key>.name` and `.description`. */
  key: string;
  name: string;
  description: string;
  appliesTo: 'post' | 'transaction';
  mode: 'enforce' | 'shadow';
  document: PolicyDocument;
}

/**
 * The policies a new community starts with. Thresholds are deliberately conservative: they flag
 * for a person to decide and hold only what is near-certainly harmful.
 */
export const STARTER_POLICIES: StarterPolicy[] = [
  {
    key: 'contact_harvesting',
    name: 'Contact harvesting',
    description: 'Contact handles that move buyers off the platform (引流), above all in vendor threads by someone other than the vendor.',
    appliesTo: 'post',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'contact-handle-in-vendor-thread',
          priority: 20,
          conditions: {
            all: [
              { fact: 'contactCount', operator: 'greaterThan', value: 0 },
              { fact: 'inVendorThread', operator: 'equal', value: true },
              { fact: 'isThreadOwner', operator: 'equal', value: false },
            ],
          },
          event: {
            type: 'flag',
            params: { queue: 'contact_harvesting', priority: 75, reason: 'Contact handle posted in a vendor thread by someone else' },
          },
        },
        {
          name: 'contact-handle-with-invite',
          priority: 10,
          conditions: {
            all: [
              { fact: 'contactCount', operator: 'greaterThan', value: 0 },
              { fact: 'contactInvite', operator: 'equal', value: true },
            ],
          },
          event: {
            type: 'flag',
            params: { queue: 'contact_harvesting', priority: 65, reason: 'Invites readers to make contact privately and gives a handle' },
          },
        },
        {
          name: 'contact-harvesting-evidence',
          priority: 1,
          conditions: {
            all: [
              { fact: 'contactCount', operator: 'greaterThan', value: 0 },
              {
                any: [
                  { fact: 'contactInvite', operator: 'equal', value: true },
                  { fact: 'inVendorThread', operator: 'equal', value: true },
                ],
              },
            ],
          },
          event: {
            type: 'reputation_evidence',
            params: { component: 'discussion', weight: -1, reason: 'Contact handle pushing conversation off the platform' },
          },
        },
      ],
    },
  },
  {
    key: 'off_platform_payment',
    name: 'Off-platform payment',
    description: 'Asking buyers to pay outside the platform (私下交易, "pay me via Zelle"): the usual start of a scam.',
    appliesTo: 'post',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'off-platform-payment-request',
          priority: 30,
          conditions: { all: [{ fact: 'text', operator: 'containsPhraseFromList', value: 'off_platform_payment_phrases' }] },
          event: { type: 'flag', params: { queue: 'scam', priority: 85, reason: 'Asks for payment outside the platform' } },
        },
        {
          name: 'off-platform-payment-hold',
          priority: 30,
          conditions: {
            all: [
              { fact: 'text', operator: 'containsPhraseFromList', value: 'off_platform_payment_phrases' },
              { fact: 'authorType', operator: 'equal', value: 'vendor' },
            ],
          },
          event: { type: 'hold', params: { reason: 'A vendor asking for off-platform payment' } },
        },
      ],
    },
  },
  {
    key: 'counterfeits',
    name: 'Counterfeits',
    description: 'Counterfeit trade slang (高仿, A货, 1:1, replica).',
    appliesTo: 'post',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'counterfeit-terms',
          priority: 25,
          conditions: { all: [{ fact: 'text', operator: 'containsPhraseFromList', value: 'counterfeit_terms' }] },
          event: { type: 'flag', params: { queue: 'scam', priority: 80, reason: 'Counterfeit trade terms' } },
        },
      ],
    },
  },
  {
    key: 'fake_review_bursts',
    name: 'Fake review bursts',
    description: 'Bursts of five-star reviews from new accounts (刷好评), and paying for good reviews (好评返现).',
    appliesTo: 'post',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'review-burst-new-accounts',
          priority: 20,
          conditions: {
            all: [
              { fact: 'kind', operator: 'equal', value: 'review' },
              { fact: 'authorAgeDays', operator: 'lessThan', value: 7 },
              { fact: 'productReviewsByNewAccounts24h', operator: 'greaterThanInclusive', value: 4 },
            ],
          },
          event: {
            type: 'flag',
            params: { queue: 'fake_review', priority: 60, reason: 'One of several reviews of this product by new accounts within a day' },
          },
        },
        {
          name: 'review-for-cashback',
          priority: 20,
          conditions: {
            all: [
              { fact: 'kind', operator: 'equal', value: 'review' },
              { fact: 'text', operator: 'containsPhraseFromList', value: 'review_incentive_phrases' },
            ],
          },
          event: { type: 'flag', params: { queue: 'fake_review', priority: 70, reason: 'Review left for a reward' } },
        },
      ],
    },
  },
  {
    key: 'live_comment_floods',
    name: 'Live comment floods',
    description: 'The same comment from many accounts in one live room within minutes (水军 / 刷屏).',
    appliesTo: 'post',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'identical-comments-many-accounts',
          priority: 15,
          conditions: {
            all: [
              { fact: 'kind', operator: 'in', value: ['live_comment', 'reply'] },
              { fact: 'identicalTextAccounts10m', operator: 'greaterThanInclusive', value: 4 },
            ],
          },
          event: {
            type: 'flag',
            params: { queue: 'spam', priority: 45, reason: 'Same text from several accounts in this room within 10 minutes' },
          },
        },
      ],
    },
  },
  {
    key: 'undisclosed_promotion',
    name: 'Undisclosed promotion',
    description:
      'Promotion with a commercial tie and no visible disclosure: praise for a brand the author is partnered with, an affiliate link (互联网广告管理办法 / FTC Endorsement Guides).',
    appliesTo: 'post',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'affiliate-link-without-disclosure',
          priority: 20,
          conditions: {
            all: [
              { fact: 'hasAffiliateLink', operator: 'equal', value: true },
              { fact: 'hasDisclosure', operator: 'equal', value: false },
            ],
          },
          event: { type: 'require_disclosure', params: { reason: 'Affiliate link or promo code without an ad disclosure' } },
        },
        {
          name: 'undisclosed-commercial-post',
          priority: 20,
          conditions: { all: [{ fact: 'disclosureVerdict', operator: 'equal', value: 'undisclosed' }] },
          event: {
            type: 'flag',
            params: {
              queue: 'undisclosed_ad',
              priority: 60,
              reason: 'Commercial post (partnered brand, affiliate link or sales) without a disclosure a reader would see',
            },
          },
        },
        {
          name: 'weakly-disclosed-post',
          priority: 20,
          conditions: { all: [{ fact: 'disclosureVerdict', operator: 'equal', value: 'weakly_disclosed' }] },
          event: {
            type: 'require_disclosure',
            params: { reason: 'Disclosure is buried, hidden in a link, lost among hashtags or ambiguous' },
          },
        },
      ],
    },
  },
  {
    key: 'blocked_domains',
    name: 'Blocked domains',
    description: 'Links to domains on the blocked list, including their subdomains.',
    appliesTo: 'post',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'blocked-domain-link',
          priority: 40,
          conditions: { all: [{ fact: 'linkDomains', operator: 'domainInList', value: 'blocked_domains' }] },
          event: { type: 'hold', params: { reason: 'Link to a blocked domain' } },
        },
        {
          name: 'blocked-domain-flag',
          priority: 40,
          conditions: { all: [{ fact: 'linkDomains', operator: 'domainInList', value: 'blocked_domains' }] },
          event: { type: 'flag', params: { queue: 'spam', priority: 70, reason: 'Link to a blocked domain' } },
        },
      ],
    },
  },
  {
    key: 'new_account_large_order',
    name: 'New account, high-value order',
    description: 'Large orders from accounts a few days old: the pattern of stolen cards and chargebacks.',
    appliesTo: 'transaction',
    mode: 'enforce',
    document: {
      rules: [
        {
          name: 'new-buyer-large-order',
          priority: 20,
          conditions: {
            all: [
              { fact: 'buyerAgeDays', operator: 'lessThan', value: 3 },
              { fact: 'amount', operator: 'greaterThanInclusive', value: 2000 },
            ],
          },
          event: {
            type: 'flag',
            params: { queue: 'suspicious_order', priority: 75, reason: 'Account under 3 days old ordering ¥2,000 or more' },
          },
        },
        {
          name: 'new-buyer-very-large-order-hold',
          priority: 20,
          conditions: {
            all: [
              { fact: 'buyerAgeDays', operator: 'lessThan', value: 3 },
              { fact: 'amount', operator: 'greaterThanInclusive', value: 5000 },
            ],
          },
          event: { type: 'hold', params: { reason: 'Account under 3 days old ordering ¥5,000 or more' } },
        },
      ],
    },
  },
  {
    key: 'refund_abuse',
    name: 'Refund abuse',
    description: 'Buyers who refund or dispute again and again.',
    appliesTo: 'transaction',
    mode: 'shadow',
    document: {
      rules: [
        {
          name: 'serial-refunds',
          priority: 10,
          conditions: {
            any: [
              { fact: 'buyerRefunds90d', operator: 'greaterThanInclusive', value: 3 },
              { fact: 'buyerDisputes90d', operator: 'greaterThanInclusive', value: 2 },
            ],
          },
          event: { type: 'flag', params: { queue: 'suspicious_order', priority: 55, reason: 'Three refunds or two disputes in 90 days' } },
        },
        {
          name: 'serial-refunds-evidence',
          priority: 1,
          conditions: { all: [{ fact: 'buyerRefunds90d', operator: 'greaterThanInclusive', value: 3 }] },
          event: { type: 'reputation_evidence', params: { component: 'commerce', weight: -1, reason: 'Repeated refunds' } },
        },
      ],
    },
  },
  {
    key: 'classifier_spam',
    name: 'Likely spam (classifier)',
    description:
      "Posts the spam classifier scores at 0.9 or above, for a person to look at (of the validation texts the model trained on 2026-11-26 scored that high, 99% were spam). Starts in shadow: publish it in enforce mode once its backtest against moderators' decisions looks right.",
    appliesTo: 'post',
    mode: 'shadow',
    document: {
      rules: [
        {
          name: 'classifier-spam',
          priority: 5,
          conditions: { all: [{ fact: 'spamScore', operator: 'greaterThanInclusive', value: 0.9 }] },
          event: { type: 'flag', params: { queue: 'spam', priority: 40, reason: 'The spam classifier puts this at 0.9 or above' } },
        },
      ],
    },
  },
  {
    key: 'commercial_saturation',
    name: 'Commercial saturation',
    description:
      'On a board whose last 24 hours are over the threshold community managers set, new promotional posts wait for review. Starts in shadow: publish it in enforce mode once its backtest looks right.',
    appliesTo: 'post',
    mode: 'shadow',
    document: {
      rules: [
        {
          name: 'promotion-on-saturated-board',
          priority: 20,
          conditions: {
            all: [
              { fact: 'boardOverThreshold', operator: 'equal', value: true },
              { fact: 'disclosureVerdict', operator: 'in', value: ['disclosed', 'weakly_disclosed', 'undisclosed'] },
            ],
          },
          event: { type: 'hold', params: { reason: 'Promotional post on a board over its commercial threshold' } },
        },
      ],
    },
  },
];
