import type { AppMessages } from './en';

export const appChinese: AppMessages = {
  app: {
    title: '信任控制台',
    language: '语言',
    login: {
      title: '登录信任控制台',
      email: '电子邮箱',
      password: '密码',
      submit: '登录',
      demo_hint: '演示模式：密码已由 npm start 打印在终端。',
    },
    dashboard: {
      welcome: '欢迎，%{name}',
      intro: '社区里现在需要处理的事。',
      open_flags: '待处理标记',
      queue: '队列',
      oldest: '最久等待',
      none: '暂无待处理',
      posts_today: '近 24 小时帖子',
      orders_today: '近 24 小时订单',
      decisions_today: '近 24 小时处理',
      open_queue: '打开队列',
    },
    menu: { moderation: '审核', community: '社区', admin: '管理' },
    api_key_created: '请立即复制此密钥，之后不会再显示：',
    related: { summary: '概要', replies: '回复', flags: '此条目的标记', decisions: '处理记录', posts: '帖子', orders: '订单', partnerships: '合作关系', referred_orders: '由此帖带来的订单' },
    compliance: {
      title: '合规报告', from: '起始', to: '截止', brand: '品牌', creator: '创作者', generate: '生成报告', progress: '报告进度', download: '下载 CSV', cases: '未标注广告的帖子',
      summary: '共 %{posts} 条帖子：商业内容 %{commercial} 条，已标注 %{disclosed}，标注不明显 %{weaklyDisclosed}，未标注 %{undisclosed}；已发整改通知 %{noticesSent}，已整改 %{remediatedAfterNotice}；来自未标注广告的订单 %{ordersFromUndisclosed} 笔。',
    },
    policies: {
      tab_draft: '草稿', save_draft: '保存草稿', saved: '草稿已保存', valid: '草稿有效。', not_json: '不是有效的 JSON：%{message}',
      problems: '%{smart_count} 个问题',
      publish: '发布', publish_shadow: '以影子模式发布', rollback: '回滚', rollback_to: '回滚到', note: '备注（随版本保存）',
      confirm_title: '确定生效吗？', confirm_publish: '发布“%{name}”的草稿，并对所有新条目执行？', confirm_shadow: '以影子模式发布“%{name}”的草稿：只记录命中，不执行任何处理？', confirm_rollback: '将“%{name}”的所选版本重新发布为新版本？',
      published: '版本 %{version} 已生效',
      dry_run: '试运行', dry_run_items: '条目', dry_run_help: '已存条目的编号（如 12, 40），或平台发送格式的 JSON。不会写入任何数据。', dry_run_input: '请输入编号或有效的 JSON', dry_run_events: '草稿：%{events} · 现行版本：%{published}',
      backtest: '回测', backtest_progress: '回测进度', draft: '草稿', in_force: '现行版本', per_rule: '各规则命中', matches: '命中数', samples_new: '新增命中示例',
      backtest_summary: '共 %{items} 条：草稿命中 %{draft}，现行版本命中 %{published}（新增 %{newly}，不再命中 %{gone}）。',
      backtest_decisions: '对照审核结果：命中已确认违规的 %{caught}/%{upheld}，命中审核通过的 %{approved}（精确率 %{precision}，召回率 %{recall}）。',
      from_version: '对比', to_version: '与',
    },
    evidence: {
      kind: { identifier: '联系方式或支付信息（已遮盖）', link: '链接', disclosure: '广告标注', matched: '规则命中的词' },
      all: '全部满足', any: '任一满足', not: '不满足',
      fired: '命中 %{smart_count} 条规则',
      reputation: '作者信誉 %{score}（置信度 %{confidence}%）',
      components: '讨论 %{discussion}，交易 %{commerce}',
      decide: '处理', unmask: '显示联系方式',
    },
    triage: {
      hint: '快捷键：j / k 上下移动，a 通过，r 删除，e 升级，? 查看帮助。',
      decided: '%{action}：标记 #%{id}',
      keys: { title: '快捷键', next: '下一条', previous: '上一条', approve: '通过（无违规）', remove: '删除，或本队列的处理方式（暂扣订单、要求标注广告）', escalate: '升级给资深审核员', help: '显示或隐藏快捷键' },
    },
    revoke: '吊销',
    revoked: '已吊销',
  },
  enums: {
    account_type: { member: '会员', vendor: '商家', brand: '品牌', creator: '创作者' },
    post_kind: { thread: '主题帖', reply: '回复', review: '评价', live_comment: '直播评论' },
    post_status: { visible: '可见', held: '暂扣', removed: '已删除', labelled: '已加标注' },
    transaction_status: { pending: '待处理', completed: '已完成', refunded: '已退款', disputed: '争议中', chargeback: '拒付', cancelled: '已取消' },
    partnership_kind: { sponsorship: '赞助', gifted: '赠送产品', affiliate: '带货分佣', employment: '雇佣' },
    queue: { spam: '垃圾信息', scam: '诈骗', contact_harvesting: '站外引流', fake_review: '虚假评价', suspicious_order: '可疑订单', undisclosed_ad: '未标注广告', community: '社区健康' },
    flag_status: { open: '待处理', decided: '已处理', dismissed: '已驳回' },
    flag_source: { rule: '规则', classifier: '分类器', report: '会员举报', staff: '工作人员' },
    subject_type: { post: '帖子', account: '账号', transaction: '订单' },
    decision_action: { approve: '通过', remove: '删除', escalate: '升级', hold: '暂扣', label: '加标注', require_disclosure: '要求标注广告', warn: '警告' },
    role: { admin: '管理员', moderator: '审核员', compliance: '合规', community_manager: '社区运营' },
    locale: { zh: '中文', en: '英文' },
    disclosure_status: { disclosed: '已标注', weakly_disclosed: '标注不明显', undisclosed: '未标注', not_commercial: '非商业' },
    policy_mode: { enforce: '执行', shadow: '影子模式' },
    policy_status: { draft: '草稿', published: '已发布', archived: '已归档' },
    policy_target: { post: '帖子', transaction: '订单' },
    backtest_status: { queued: '排队中', running: '运行中', done: '已完成', failed: '失败' },
  },
  resources: {
    accounts: {
      name: '账号',
      fields: { id: '编号', source: '平台', externalId: '平台编号', handle: '用户名', displayName: '昵称', type: '类型', locale: '语言', status: '状态', reputationScore: '信誉', reputationConfidence: '置信度', violationsUpheld: '确认违规次数', joinedAt: '注册时间', ingestedAt: '首次接收', q: '搜索' },
    },
    posts: {
      name: '帖子',
      fields: { id: '编号', source: '平台', externalId: '平台编号', kind: '类型', threadId: '所属主题', parentId: '回复对象', authorId: '作者', productId: '商品', board: '版块', title: '标题', body: '正文', lang: '语言', rating: '评分', platformLabel: '平台广告标签', reach: '曝光量', status: '状态', spamScore: '垃圾分', promoScore: '推广分', disclosureStatus: '广告标注', hasDisclosure: '已标注广告', disclosureRequired: '需补标注', labels: '标签', judgedBy: '判定所用策略版本', ruleHits: '规则命中', postedAt: '发布时间', ingestedAt: '接收时间', q: '搜索' },
    },
    transactions: {
      name: '订单',
      fields: { id: '编号', source: '平台', externalId: '平台编号', buyerId: '买家', vendorId: '商家', productId: '商品', amountCents: '金额', currency: '币种', status: '状态', referralPostId: '来源帖子', affiliateId: '推广者', held: '已暂扣', referralUndisclosed: '来自未标注广告', riskScore: '风险', judgedBy: '判定所用策略版本', ruleHits: '规则命中', orderedAt: '下单时间', ingestedAt: '接收时间', q: '搜索' },
    },
    partnerships: {
      name: '合作关系',
      fields: { id: '编号', creatorId: '创作者', brandId: '品牌', kind: '类型', startsAt: '开始', endsAt: '结束', campaign: '活动', source: '来源', createdAt: '记录时间', q: '搜索' },
    },
    flags: {
      name: '标记',
      fields: { id: '编号', subjectType: '对象类型', subjectId: '对象', queue: '队列', priority: '优先级', status: '状态', source: '来源', reason: '原因', policyVersionId: '策略版本', claimedBy: '认领人', claimedUntil: '认领至', createdAt: '标记时间', decidedAt: '处理时间', q: '搜索' },
    },
    decisions: {
      name: '处理记录',
      fields: { id: '编号', flagId: '标记', subjectType: '对象类型', subjectId: '对象', action: '处理', reasonCode: '理由', note: '备注', staffId: '审核员', automated: '自动', reversesDecisionId: '撤销的处理', reversedAt: '撤销时间', createdAt: '处理时间', q: '搜索' },
    },
    staff: {
      name: '工作人员',
      fields: { id: '编号', email: '电子邮箱', displayName: '姓名', role: '角色', locale: '语言', active: '启用', createdAt: '创建时间', lastLoginAt: '上次登录', password: '密码', q: '搜索' },
    },
    'api-keys': {
      name: 'API 密钥',
      fields: { id: '编号', name: '名称', source: '平台', prefix: '前缀', createdBy: '创建人', createdAt: '创建时间', revokedAt: '吊销时间', lastUsedAt: '上次使用', q: '搜索' },
    },
    policies: {
      name: '策略',
      fields: { id: '编号', name: '名称', description: '说明', appliesTo: '适用对象', mode: '模式', status: '状态', draft: '草稿', publishedVersionId: '生效版本', createdBy: '创建人', createdAt: '创建时间', updatedAt: '更新时间', q: '搜索' },
    },
    'policy-versions': {
      name: '策略版本',
      fields: { id: '编号', policyId: '策略', version: '版本', document: '规则文档', mode: '模式', appliesTo: '适用对象', publishedBy: '发布人', publishedAt: '发布时间', restoresVersionId: '恢复的版本', note: '备注', q: '搜索' },
    },
    'policy-lists': {
      name: '名单',
      fields: { id: '编号', name: '名称', description: '说明', items: '条目', updatedBy: '更新人', createdAt: '创建时间', updatedAt: '更新时间', q: '搜索' },
    },
    'rule-hits': {
      name: '规则命中',
      fields: { id: '编号', policyVersionId: '策略版本', subjectType: '对象类型', subjectId: '对象', ruleName: '规则', eventType: '事件', eventParams: '事件参数', explanation: '判定依据', mode: '模式', createdAt: '时间', q: '搜索' },
    },
    backtests: {
      name: '回测',
      fields: { id: '编号', policyId: '策略', document: '规则文档', appliesTo: '适用对象', compareVersionId: '对比版本', windowStart: '起始', windowEnd: '截止', status: '状态', processed: '已处理', total: '总数', result: '结果', error: '错误', createdBy: '发起人', createdAt: '发起时间', startedAt: '开始运行', finishedAt: '完成时间', q: '搜索' },
    },
    'audit-log': {
      name: '审计日志',
      fields: { id: '编号', at: '时间', actorKind: '操作者类型', actorStaffId: '工作人员', actorApiKeyId: 'API 密钥', action: '操作', subjectType: '对象类型', subjectId: '对象', detail: '详情', requestId: '请求', prevHash: '前一哈希', hash: '哈希', q: '搜索' },
    },
  },
};
