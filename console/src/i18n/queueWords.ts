/**
 * The words a queue list shows before the console's scripts have run (console/src/firstPaint):
 * kept apart so that the first paint loads only these, and en.ts and zh.ts take them from here.
 */
export const queueWordsEnglish = {
  title: 'Trust Console',
  queue: {
    spam: 'Spam',
    scam: 'Scams',
    contact_harvesting: 'Contact harvesting',
    fake_review: 'Fake reviews',
    suspicious_order: 'Suspicious orders',
    undisclosed_ad: 'Undisclosed ads',
    community: 'Community health',
    member_reports: 'Member reports',
  },
  subject_type: { post: 'Post', account: 'Account', transaction: 'Order' },
  queue_title: 'Queue: %{queue}',
  col: { subject: 'Item', author: 'Author', reach: 'Reach', age: 'Waiting', claimed: 'Claimed by', due: 'Due' },
  priority: 'Priority',
  first_paint: 'The queue as it stood a moment ago; the console is still loading',
};

export const queueWordsChinese: typeof queueWordsEnglish = {
  title: '信任控制台',
  queue: {
    spam: '垃圾信息',
    scam: '诈骗',
    contact_harvesting: '站外引流',
    fake_review: '虚假评价',
    suspicious_order: '可疑订单',
    undisclosed_ad: '未标注广告',
    community: '社区健康',
    member_reports: '用户举报',
  },
  subject_type: { post: '帖子', account: '账号', transaction: '订单' },
  queue_title: '队列：%{queue}',
  col: { subject: '条目', author: '作者', reach: '触达', age: '等待时长', claimed: '认领人', due: '时限' },
  priority: '优先级',
  first_paint: '刚才的队列快照；控制台仍在加载',
};
