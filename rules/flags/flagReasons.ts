import { STARTER_POLICIES } from '../starter/policies';
import { fillTemplate, type MessageParams, type ServerMessage } from '../messages/serverMessage';

/**
 * The reasons the product itself writes on flags, each with a stable key (`flag_reason.<id>`)
 * the console translates. A flag stores its reason as English text (several joined by "; "),
 * so keys are recovered by matching that text against these templates: rows written before keys
 * existed get them too, and a reason a community manager wrote or edited matches nothing and is
 * shown as written.
 */
export const FLAG_REASON_SEPARATOR = '; ';

/** Reasons written by the server with parameters. A parameter named after a console enum (report_reason) is a code. */
export const SYSTEM_FLAG_REASONS = {
  board_saturation: 'Board "%{board}": %{share}% of the last 24 hours\' %{posts} posts are commercial (threshold %{threshold}%)',
  member_report: 'Reported by members (%{report_reason})',
  member_reports: 'Reported by members (%{report_reason}, %{count} reports)',
} as const;

export type SystemFlagReason = keyof typeof SYSTEM_FLAG_REASONS;

/** Reasons the demo community's seeded flags carry (api/seed), fixed text. */
const DEMO_FLAG_REASONS: Record<string, string> = {
  demo_spam_link: 'Member report: spam or scam link',
  demo_spam: 'Member report: spam',
  demo_live_flood: 'Member report: the same comment from many accounts',
  demo_contact_patrol: 'Moderator patrol: contact details to move buyers off the platform',
  demo_off_platform: 'Member report: asks for payment outside the platform',
  demo_counterfeit: 'Member report: offers counterfeit goods',
  demo_review_burst: 'Moderator patrol: burst of five-star reviews from new accounts',
  demo_undisclosed: 'Member report: looks like paid promotion without a label',
  demo_new_account_order: 'New account placing a high-value order',
  demo_chargeback: 'Chargeback on an order',
};

/** The starter policies' flag reasons, keyed by the rule that gives them (rule names are stable identifiers). */
function starterReasons(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const policy of STARTER_POLICIES) {
    for (const rule of policy.document.rules) {
      const params = rule.event.params as { reason?: unknown } | undefined;
      if (rule.event.type === 'flag' && typeof params?.reason === 'string') out[`rule.${rule.name}`] = params.reason;
    }
  }
  return out;
}

/** Every known reason: id (the part after `flag_reason.`) → English template. */
export const FLAG_REASON_TEMPLATES: Readonly<Record<string, string>> = {
  ...SYSTEM_FLAG_REASONS,
  ...DEMO_FLAG_REASONS,
  ...starterReasons(),
};

/** The English text a server-written reason is stored as. */
export function flagReasonText(id: SystemFlagReason, params: MessageParams): string {
  return fillTemplate(SYSTEM_FLAG_REASONS[id], params);
}

const NUMERIC = new Set(['share', 'posts', 'threshold', 'count']);

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const MATCHERS = Object.entries(FLAG_REASON_TEMPLATES)
  .map(([id, template]) => {
    const names: string[] = [];
    const source = template
      .split(/(%\{\w+\})/)
      .map((part) => {
        const m = /^%\{(\w+)\}$/.exec(part);
        if (!m) return escapeRegex(part);
        names.push(m[1]!);
        return NUMERIC.has(m[1]!) ? '(\\d+(?:\\.\\d+)?)' : '(.+?)';
      })
      .join('');
    return { id, names, regex: new RegExp(`^${source}$`), literal: template.replace(/%\{\w+\}/g, '').length };
  })
  // The most specific template first: "(%{report_reason}, %{count} reports)" before "(%{report_reason})".
  .sort((a, b) => b.literal - a.literal);

/** One stored reason text → its message; `key` is absent when the text is not one the product writes. */
export function flagReasonMessage(text: string): ServerMessage | { text: string } {
  for (const m of MATCHERS) {
    const match = m.regex.exec(text);
    if (!match) continue;
    const params: MessageParams = {};
    m.names.forEach((name, i) => {
      const value = match[i + 1]!;
      params[name] = NUMERIC.has(name) ? Number(value) : value;
    });
    return { key: `flag_reason.${m.id}`, ...(m.names.length ? { params } : {}), text };
  }
  return { text };
}

/** A flag's stored reason (possibly several joined) → one message per reason. */
export function flagReasonMessages(stored: string | null | undefined): Array<ServerMessage | { text: string }> {
  if (!stored) return [];
  const whole = flagReasonMessage(stored);
  if ('key' in whole) return [whole];
  return stored.split(FLAG_REASON_SEPARATOR).map(flagReasonMessage);
}
