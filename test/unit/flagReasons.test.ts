import { describe, expect, it } from 'vitest';
import {
  FLAG_REASON_TEMPLATES,
  SYSTEM_FLAG_REASONS,
  flagReasonMessages,
  flagReasonText,
  type SystemFlagReason,
} from '../../rules/flags/flagReasons';
import { fillTemplate } from '../../rules/messages/serverMessage';
import { policyTextMessages } from '../../rules/starter/starterPolicyText';
import { STARTER_POLICIES } from '../../rules/starter/policies';
import { buildDemoCommunity } from '../../api/seed/demoCommunity';
import { appEnglish } from '../../console/src/i18n/en';
import { appChinese } from '../../console/src/i18n/zh';

function lookup(messages: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages);
}

const SAMPLE_PARAMS: Record<SystemFlagReason, Record<string, string | number>> = {
  board_saturation: { board: 'Beauty "deals"', share: 64, posts: 120, threshold: 40 },
  member_report: { report_reason: 'harassment' },
  member_reports: { report_reason: 'scam', count: 7 },
};

describe('flag reasons as message keys', () => {
  it('recovers the key and the parameters from every reason the server writes', () => {
    for (const id of Object.keys(SYSTEM_FLAG_REASONS) as SystemFlagReason[]) {
      const text = flagReasonText(id, SAMPLE_PARAMS[id]);
      expect(flagReasonMessages(text), id).toEqual([{ key: `flag_reason.${id}`, params: SAMPLE_PARAMS[id], text }]);
    }
  });

  it('splits reasons several rules joined, keying each it knows and leaving the rest as written', () => {
    const a = FLAG_REASON_TEMPLATES['rule.counterfeit-terms']!;
    const b = FLAG_REASON_TEMPLATES['rule.off-platform-payment-request']!;
    expect(flagReasonMessages(`${a}; ${b}; Our own reason`)).toEqual([
      { key: 'flag_reason.rule.counterfeit-terms', text: a },
      { key: 'flag_reason.rule.off-platform-payment-request', text: b },
      { text: 'Our own reason' },
    ]);
    expect(flagReasonMessages(null)).toEqual([]);
  });

  it('keys every reason on the demo community’s seeded flags', () => {
    const { flags } = buildDemoCommunity({ seed: 1, anchor: new Date('2026-11-25T00:00:00Z') });
    const reasons = [...new Set(flags.map((f) => f.reason))];
    expect(reasons.length).toBeGreaterThan(3);
    for (const reason of reasons) expect(flagReasonMessages(reason)[0], reason).toHaveProperty('key');
  });

  it('has each key in both console catalogues, the English word for word as the server writes it', () => {
    for (const [id, template] of Object.entries(FLAG_REASON_TEMPLATES)) {
      expect(lookup(appEnglish, `flag_reason.${id}`), id).toBe(template);
      const zh = lookup(appChinese, `flag_reason.${id}`);
      expect(zh, id).toBeTypeOf('string');
      // The Chinese uses the same parameters, so nothing the English says is lost.
      const names = (s: string) => [...s.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(zh as string), id).toEqual(names(template));
    }
    // And the catalogue holds no reason the server no longer writes.
    const leaves = (node: object, prefix = ''): string[] =>
      Object.entries(node).flatMap(([k, v]) => (typeof v === 'object' ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(leaves(appEnglish.flag_reason).sort()).toEqual(Object.keys(FLAG_REASON_TEMPLATES).sort());
  });

  it('fills templates the way the console’s catalogue does', () => {
    expect(fillTemplate('%{a} and %{b}, %{missing}', { a: 1, b: 'x' })).toBe('1 and x, %{missing}');
  });
});

describe('starter policy names and descriptions as message keys', () => {
  it('keys each starter policy’s own text, in both catalogues, the English as installed', () => {
    expect(new Set(STARTER_POLICIES.map((p) => p.key)).size).toBe(STARTER_POLICIES.length);
    for (const p of STARTER_POLICIES) {
      const m = policyTextMessages(p.name, p.description);
      expect(m).toEqual({
        name: { key: `starter_policy.${p.key}.name`, text: p.name },
        description: { key: `starter_policy.${p.key}.description`, text: p.description },
      });
      expect(lookup(appEnglish, `starter_policy.${p.key}.name`)).toBe(p.name);
      expect(lookup(appEnglish, `starter_policy.${p.key}.description`)).toBe(p.description);
      expect(lookup(appChinese, `starter_policy.${p.key}.name`)).toBeTypeOf('string');
      expect(lookup(appChinese, `starter_policy.${p.key}.description`)).toBeTypeOf('string');
    }
  });

  it('keys nothing a community manager wrote', () => {
    expect(policyTextMessages('Our scams', 'Edited')).toEqual({ name: { text: 'Our scams' }, description: { text: 'Edited' } });
    expect(policyTextMessages('Counterfeits', null).description).toBeNull();
  });
});
