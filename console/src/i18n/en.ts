/** The console's own words in English; zh.ts must have the same keys (a test checks). */
export const appEnglish = {
  app: {
    title: 'Trust Console',
    language: 'Language',
    login: {
      title: 'Sign in to the trust console',
      email: 'E-mail',
      password: 'Password',
      submit: 'Sign in',
      demo_hint: 'Demo mode: the passwords were printed by npm start.',
    },
    dashboard: {
      welcome: 'Welcome, %{name}',
      intro: 'What needs attention in the community right now.',
      open_flags: 'Open flags',
      queue: 'Queue',
      oldest: 'Oldest waiting',
      none: 'Nothing waiting',
      posts_today: 'Posts in the last 24 hours',
      orders_today: 'Orders in the last 24 hours',
      decisions_today: 'Decisions in the last 24 hours',
      flags_per_day: 'Flags per day by queue (30 days)', latency: 'Time to decision', median: 'Median', p90: '90th percentile', rules: 'Rules: hits and precision against decisions', hits: 'Items hit', upheld: 'Upheld', approved: 'Approved', precision: 'Precision',
      spam_scores: 'Spam scores', promo_scores: 'Promotion scores', reputation: 'Reputation of accounts',
      open_queue: 'Open queue',
    },
    menu: { moderation: 'Moderation', community: 'Community', admin: 'Administration', queue_count: '%{queue}: %{count}', user: '%{name}: account menu' },
    api_key_created: 'Copy this key now; it will not be shown again:',
    related: { none: 'None yet', item_decisions: 'Earlier decisions on this item', author_decisions: "Decisions on the author's account", author_partnerships: "The author's partnerships", buyer_decisions: "Decisions on the buyer's account", buyer_orders: "The buyer's orders", summary: 'Summary', replies: 'Replies', flags: 'Flags on this item', decisions: 'Decisions', posts: 'Posts', orders: 'Orders', partnerships: 'Partnerships', referred_orders: 'Orders referred by this post' },
    compliance: {
      title: 'Compliance report', from: 'From', to: 'To', brand: 'Brand', creator: 'Creator', generate: 'Generate report', progress: 'Report progress', download: 'Download CSV', cases: 'Undisclosed posts',
      summary: '%{posts} posts: %{commercial} commercial, %{disclosed} disclosed, %{weaklyDisclosed} weakly disclosed, %{undisclosed} undisclosed; %{noticesSent} notices sent, %{remediatedAfterNotice} remediated; %{ordersFromUndisclosed} orders came from undisclosed ads.',
    },
    policies: {
      tab_draft: 'Draft', save_draft: 'Save draft', saved: 'Draft saved', valid: 'The draft is valid.', not_json: 'Not JSON: %{message}',
      problems: 'One problem |||| %{smart_count} problems',
      publish: 'Publish', publish_shadow: 'Publish in shadow mode', rollback: 'Roll back', rollback_to: 'Roll back to', note: 'Note (kept with the version)',
      confirm_title: 'Put this in force?', confirm_publish: 'Publish the draft of “%{name}” and enforce it on every new item?', confirm_shadow: 'Publish the draft of “%{name}” in shadow mode: its hits are recorded, nothing is done?', confirm_rollback: 'Re-publish the chosen version of “%{name}” as a new version?',
      published: 'Version %{version} is in force',
      dry_run: 'Dry run', dry_run_items: 'Items', dry_run_help: 'Stored ids (e.g. 12, 40) or items as JSON, as a platform sends them. Nothing is written.', dry_run_input: 'Give ids or valid JSON', dry_run_events: 'draft: %{events} · in force: %{published}',
      backtest: 'Backtest', backtest_progress: 'Backtest progress', draft: 'Draft', in_force: 'In force', per_rule: 'Matches per rule', matches: 'Matches', samples_new: 'Newly matched, for example',
      backtest_summary: '%{items} items: the draft matches %{draft}, the version in force %{published} (%{newly} newly, %{gone} no longer).',
      backtest_decisions: 'Against moderators: catches %{caught} of %{upheld} upheld items, matches %{approved} they approved (precision %{precision}, recall %{recall}).',
      from_version: 'Compare', to_version: 'with',
    },
    evidence: {
      kind: { identifier: 'Contact or payment identifier (masked)', link: 'Link', disclosure: 'Disclosure marker', matched: 'Term a rule matched' },
      all: 'all of', any: 'any of', not: 'not',
      fired: 'One rule fired |||| %{smart_count} rules fired',
      reputation: 'Author reputation %{score} (confidence %{confidence}%)',
      components: 'discussion %{discussion}, commerce %{commerce}',
      decide: 'Decide', unmask: 'Show identifiers',
    },
    appeals: { reverse: 'Reverse on appeal', title: 'Reverse this decision', reason: 'Why the appeal is upheld', confirm: 'Reverse', reversed: 'Decision reversed; the item is restored and its reputation cost repaired' },
    triage: {
      hint: 'Keys: j / k to move, a approve, r remove, e escalate, o open, ? for help.',
      bulk_approve: 'Approve selected', bulk_remove: 'Remove selected (queue action)', bulk_done: '%{done} decided, %{skipped} skipped (held by someone else or already decided)',
      decided: '%{action}: flag #%{id}',
      keys: { title: 'Keyboard', next: 'Next item', previous: 'Previous item', approve: 'Approve (no violation)', remove: "Remove, or the queue's own action (hold an order, require a disclosure)", escalate: 'Escalate to a senior reviewer', open: "Open the item's evidence page", help: 'Show or hide these keys' },
    },
    revoke: 'Revoke',
    revoked: 'Revoked',
  },
  enums: {
    account_type: { member: 'Member', vendor: 'Vendor', brand: 'Brand', creator: 'Creator' },
    post_kind: { thread: 'Thread', reply: 'Reply', review: 'Review', live_comment: 'Live comment' },
    post_status: { visible: 'Visible', held: 'Held', removed: 'Removed', labelled: 'Labelled' },
    transaction_status: { pending: 'Pending', completed: 'Completed', refunded: 'Refunded', disputed: 'Disputed', chargeback: 'Chargeback', cancelled: 'Cancelled' },
    partnership_kind: { sponsorship: 'Sponsorship', gifted: 'Gifted product', affiliate: 'Affiliate', employment: 'Employment' },
    queue: { spam: 'Spam', scam: 'Scams', contact_harvesting: 'Contact harvesting', fake_review: 'Fake reviews', suspicious_order: 'Suspicious orders', undisclosed_ad: 'Undisclosed ads', community: 'Community health' },
    flag_status: { open: 'Open', decided: 'Decided', dismissed: 'Dismissed' },
    flag_source: { rule: 'Rule', classifier: 'Classifier', report: 'Member report', staff: 'Staff' },
    subject_type: { post: 'Post', account: 'Account', transaction: 'Order' },
    decision_action: { approve: 'Approve', remove: 'Remove', escalate: 'Escalate', hold: 'Hold', label: 'Label', require_disclosure: 'Require disclosure', warn: 'Warn' },
    role: { admin: 'Admin', moderator: 'Moderator', compliance: 'Compliance', community_manager: 'Community manager' },
    locale: { zh: 'Chinese', en: 'English' },
    disclosure_status: { disclosed: 'Disclosed', weakly_disclosed: 'Weakly disclosed', undisclosed: 'Undisclosed', not_commercial: 'Not commercial' },
    policy_mode: { enforce: 'Enforce', shadow: 'Shadow' },
    policy_status: { draft: 'Draft', published: 'Published', archived: 'Archived' },
    policy_target: { post: 'Posts', transaction: 'Orders' },
    backtest_status: { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' },
  },
  resources: {
    accounts: {
      name: 'Account |||| Accounts',
      fields: { id: 'ID', source: 'Platform', externalId: 'Platform ID', handle: 'Handle', displayName: 'Display name', type: 'Type', locale: 'Language', status: 'Status', reputationScore: 'Reputation', reputationConfidence: 'Confidence', violationsUpheld: 'Upheld violations', joinedAt: 'Joined', ingestedAt: 'First seen', q: 'Search' },
    },
    posts: {
      name: 'Post |||| Posts',
      fields: { id: 'ID', source: 'Platform', externalId: 'Platform ID', kind: 'Kind', threadId: 'Thread', parentId: 'In reply to', authorId: 'Author', productId: 'Product', board: 'Board', title: 'Title', body: 'Text', lang: 'Language', rating: 'Rating', platformLabel: 'Platform ad label', reach: 'Reach', status: 'Status', spamScore: 'Spam score', promoScore: 'Promotion score', disclosureStatus: 'Disclosure', hasDisclosure: 'Discloses', disclosureRequired: 'Disclosure required', labels: 'Labels', judgedBy: 'Judged by policy versions', ruleHits: 'Rule hits', postedAt: 'Posted', ingestedAt: 'Received', q: 'Search' },
    },
    transactions: {
      name: 'Order |||| Orders',
      fields: { id: 'ID', source: 'Platform', externalId: 'Platform ID', buyerId: 'Buyer', vendorId: 'Vendor', productId: 'Product', amountCents: 'Amount', currency: 'Currency', status: 'Status', referralPostId: 'Referral post', affiliateId: 'Affiliate', held: 'Held', referralUndisclosed: 'Referred by an undisclosed ad', riskScore: 'Risk', judgedBy: 'Judged by policy versions', ruleHits: 'Rule hits', orderedAt: 'Ordered', ingestedAt: 'Received', q: 'Search' },
    },
    partnerships: {
      name: 'Partnership |||| Partnerships',
      fields: { id: 'ID', creatorId: 'Creator', brandId: 'Brand', kind: 'Kind', startsAt: 'Starts', endsAt: 'Ends', campaign: 'Campaign', source: 'Source', createdAt: 'Recorded', q: 'Search' },
    },
    flags: {
      name: 'Flag |||| Flags',
      fields: { id: 'ID', subjectType: 'Subject type', subjectId: 'Subject', queue: 'Queue', priority: 'Priority', status: 'Status', source: 'Source', reason: 'Reason', policyVersionId: 'Policy version', claimedBy: 'Claimed by', claimedUntil: 'Claimed until', createdAt: 'Flagged', decidedAt: 'Decided', q: 'Search' },
    },
    decisions: {
      name: 'Decision |||| Decisions',
      fields: { id: 'ID', flagId: 'Flag', subjectType: 'Subject type', subjectId: 'Subject', action: 'Action', reasonCode: 'Reason', note: 'Note', staffId: 'Moderator', automated: 'Automated', reversesDecisionId: 'Reverses', reversedAt: 'Reversed', createdAt: 'Decided', q: 'Search' },
    },
    staff: {
      name: 'Staff member |||| Staff',
      fields: { id: 'ID', email: 'E-mail', displayName: 'Name', role: 'Role', locale: 'Language', active: 'Active', createdAt: 'Created', lastLoginAt: 'Last sign-in', password: 'Password', q: 'Search' },
    },
    'api-keys': {
      name: 'API key |||| API keys',
      fields: { id: 'ID', name: 'Name', source: 'Platform', prefix: 'Prefix', createdBy: 'Created by', createdAt: 'Created', revokedAt: 'Revoked', lastUsedAt: 'Last used', q: 'Search' },
    },
    policies: {
      name: 'Policy |||| Policies',
      fields: { id: 'ID', name: 'Name', description: 'Description', appliesTo: 'Applies to', mode: 'Mode', status: 'Status', draft: 'Draft', publishedVersionId: 'Published version', createdBy: 'Created by', createdAt: 'Created', updatedAt: 'Updated', q: 'Search' },
    },
    'policy-versions': {
      name: 'Policy version |||| Policy versions',
      fields: { id: 'ID', policyId: 'Policy', version: 'Version', document: 'Document', mode: 'Mode', appliesTo: 'Applies to', publishedBy: 'Published by', publishedAt: 'Published', restoresVersionId: 'Restores version', note: 'Note', q: 'Search' },
    },
    'policy-lists': {
      name: 'List |||| Lists',
      fields: { id: 'ID', name: 'Name', description: 'Description', items: 'Entries', updatedBy: 'Updated by', createdAt: 'Created', updatedAt: 'Updated', q: 'Search' },
    },
    'rule-hits': {
      name: 'Rule hit |||| Rule hits',
      fields: { id: 'ID', policyVersionId: 'Policy version', subjectType: 'Subject type', subjectId: 'Subject', ruleName: 'Rule', eventType: 'Event', eventParams: 'Event parameters', explanation: 'Explanation', mode: 'Mode', createdAt: 'When', q: 'Search' },
    },
    backtests: {
      name: 'Backtest |||| Backtests',
      fields: { id: 'ID', policyId: 'Policy', document: 'Document', appliesTo: 'Applies to', compareVersionId: 'Compared with version', windowStart: 'From', windowEnd: 'To', status: 'Status', processed: 'Processed', total: 'Total', result: 'Result', error: 'Error', createdBy: 'Started by', createdAt: 'Started', startedAt: 'Running since', finishedAt: 'Finished', q: 'Search' },
    },
    'audit-log': {
      name: 'Audit entry |||| Audit log',
      fields: { id: 'ID', at: 'When', actorKind: 'Actor kind', actorStaffId: 'Staff', actorApiKeyId: 'API key', action: 'Action', subjectType: 'Subject type', subjectId: 'Subject', detail: 'Detail', requestId: 'Request', prevHash: 'Previous hash', hash: 'Hash', q: 'Search' },
    },
  },
};

export type AppMessages = typeof appEnglish;
