import { maskPersonalData } from '../privacy/mask';

/**
 * The statement of reasons a member receives when a decision restricts what they posted or their
 * account (EU DSA art. 17; the same elements serve China's platform rules): what was decided,
 * on what ground, whether a person or an automated rule decided, the facts relied on, and how to
 * appeal. Pure: the API stores what this returns, in both languages.
 */

export type StatementAction = 'remove' | 'hold' | 'label' | 'require_disclosure' | 'warn' | 'restrict_order' | 'reinstate' | 'uphold';

export type StatementGround =
  | { type: 'policy'; policy: string; version: number | null; rules: string[] }
  | { type: 'moderator'; reasonCode: string; queue: string | null };

export interface StatementInput {
  kind: 'decision' | 'automated' | 'appeal_outcome';
  actions: StatementAction[];
  subjectType: 'post' | 'account' | 'transaction';
  ground: StatementGround;
  automated: boolean;
  /** What the decision relied on, as fact name and value; values are masked before use. */
  facts: Array<{ name: string; value: unknown }>;
  /** Reputation points the decision cost, if any. */
  reputationPenalty: boolean;
  decidedAt: Date;
  /** For an appeal outcome: the statement appealed. */
  appealOf?: string | null;
  /** The moderator's note to the member (a queue's canned note, possibly edited), in each language. */
  note?: { en: string; zh: string } | null;
}

export interface RenderedStatement {
  en: string;
  zh: string;
  /** The facts as stored: masked, at most eight, values shortened. */
  facts: Array<{ name: string; value: string }>;
}

const MAX_FACTS = 8;
const MAX_VALUE_CHARS = 120;
const MAX_NOTE_CHARS = 2000;

const ACTIONS: Record<StatementAction, { en: string; zh: string }> = {
  remove: { en: 'was removed', zh: '已被删除' },
  hold: { en: 'is held back from view until it is reviewed', zh: '已被暂时隐藏，等待审核' },
  label: { en: 'was given a label', zh: '已被添加标签' },
  require_disclosure: {
    en: 'must carry an advertising label ("Ad", "广告" or "Paid partnership")',
    zh: '须标注广告（如“广告”“#ad”或“合作推广”）',
  },
  warn: { en: 'earned a warning on your account', zh: '使您的账号收到一次警告' },
  restrict_order: { en: 'is on hold and will not be fulfilled until it is reviewed', zh: '已被暂停处理，等待审核' },
  reinstate: { en: 'is restored: the earlier decision was reversed', zh: '已恢复：之前的处理决定已撤销' },
  uphold: { en: 'stays as decided: the appeal was reviewed and the decision stands', zh: '维持原处理：申诉已复核，原决定不变' },
};

const SUBJECT: Record<StatementInput['subjectType'], { en: string; zh: string }> = {
  post: { en: 'Your post', zh: '您的帖子' },
  account: { en: 'Your account', zh: '您的账号' },
  transaction: { en: 'Your order', zh: '您的订单' },
};

function shortValue(value: unknown): string {
  const text = Array.isArray(value)
    ? value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ')
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value);
  const masked = maskPersonalData(text);
  return masked.length > MAX_VALUE_CHARS ? `${masked.slice(0, MAX_VALUE_CHARS - 1)}…` : masked;
}

/** Facts a member may read: masked, without the raw text (the member has it), deduplicated. */
export function statementFacts(facts: StatementInput['facts']): RenderedStatement['facts'] {
  const out: RenderedStatement['facts'] = [];
  const seen = new Set<string>();
  for (const f of facts) {
    if (f.name === 'text' || seen.has(f.name) || f.value === undefined || f.value === null) continue;
    seen.add(f.name);
    out.push({ name: f.name, value: shortValue(f.value) });
    if (out.length >= MAX_FACTS) break;
  }
  return out;
}

function groundText(g: StatementGround): { en: string; zh: string } {
  if (g.type === 'policy') {
    const v = g.version !== null ? ` v${g.version}` : '';
    return {
      en: `the community policy "${g.policy}"${v} (rule ${g.rules.join(', ')})`,
      zh: `社区规则“${g.policy}”${v}（条款 ${g.rules.join('、')}）`,
    };
  }
  return { en: `a moderator's finding: ${g.reasonCode.replace(/_/g, ' ')}`, zh: `审核员认定：${g.reasonCode.replace(/_/g, ' ')}` };
}

export function renderStatement(input: StatementInput): RenderedStatement {
  const facts = statementFacts(input.facts);
  const subject = SUBJECT[input.subjectType];
  const actionsEn = input.actions.map((a) => ACTIONS[a].en).join(', and ');
  const actionsZh = input.actions.map((a) => ACTIONS[a].zh).join('；');
  const ground = groundText(input.ground);
  const when = input.decidedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const who = input.automated
    ? {
        en: 'This was decided automatically by a rule; no person reviewed it before it took effect.',
        zh: '此决定由规则自动作出，生效前未经人工审核。',
      }
    : { en: 'A moderator reviewed it and decided.', zh: '此决定由审核员人工审核后作出。' };
  const factLinesEn = facts.length
    ? `What the decision relied on: ${facts.map((f) => `${f.name} = ${f.value}`).join('; ')}.`
    : 'The decision relied on the content itself.';
  const factLinesZh = facts.length
    ? `决定所依据的事实：${facts.map((f) => `${f.name} = ${f.value}`).join('；')}。`
    : '决定依据内容本身作出。';
  const penaltyEn = input.reputationPenalty ? ' It also lowers your standing in the community (reputation).' : '';
  const penaltyZh = input.reputationPenalty ? '此决定同时会降低您在社区的信誉分。' : '';
  const appealEn =
    input.kind === 'appeal_outcome'
      ? 'This is the outcome of your appeal. If you still disagree, you may turn to an out-of-court dispute settlement body or a court.'
      : 'If you think this is wrong, you can appeal within 6 months from the report or appeal option next to the content; quote this statement. A person who did not make this decision will review it.';
  const appealZh =
    input.kind === 'appeal_outcome'
      ? '这是您申诉的处理结果。如仍有异议，您可以向争议解决机构或法院寻求救济。'
      : '如您认为此决定有误，可在 6 个月内通过内容旁的申诉入口提出申诉，并注明本说明编号。申诉将由未参与原决定的人员复核。';
  // The note is written by staff but may quote the member: masked like the facts.
  const note = input.note
    ? {
        en: maskPersonalData(input.note.en).slice(0, MAX_NOTE_CHARS).trim(),
        zh: maskPersonalData(input.note.zh).slice(0, MAX_NOTE_CHARS).trim(),
      }
    : null;
  const noteEn = note?.en ? ` Moderator's note: ${note.en}${/[.!?。！？]$/.test(note.en) ? '' : '.'}` : '';
  const noteZh = note?.zh ? `审核员说明：${note.zh}` : '';
  const refEn = input.appealOf ? ` (appeal of statement ${input.appealOf})` : '';
  const refZh = input.appealOf ? `（针对说明 ${input.appealOf} 的申诉）` : '';
  return {
    facts,
    en: `${subject.en} ${actionsEn} on ${when}${refEn}. Ground: ${ground.en}.${penaltyEn} ${who.en}${noteEn} ${factLinesEn} ${appealEn}`,
    zh: `${subject.zh}${actionsZh}（${when}）${refZh}。依据：${ground.zh}。${penaltyZh}${who.zh}${noteZh}${noteZh && !/[。！？.!?]$/.test(noteZh) ? '。' : ''}${factLinesZh}${appealZh}`,
  };
}

/** The decision actions that restrict a member and so need a statement. */
export function statementActionFor(action: string, subjectType: string): StatementAction | null {
  if (action === 'remove') return subjectType === 'transaction' ? 'restrict_order' : 'remove';
  if (action === 'hold') return subjectType === 'transaction' ? 'restrict_order' : 'hold';
  if (action === 'label' || action === 'require_disclosure' || action === 'warn') return action;
  return null;
}
