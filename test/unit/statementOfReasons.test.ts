import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderStatement, statementActionFor, type StatementAction } from '../../rules/statements/statementOfReasons';

const base = {
  kind: 'decision' as const,
  subjectType: 'post' as const,
  ground: { type: 'moderator' as const, reasonCode: 'contact_info', queue: 'contact_harvesting' },
  automated: false,
  reputationPenalty: true,
  decidedAt: new Date('2026-11-20T10:00:00Z'),
};

describe('statement of reasons', () => {
  it('masks personal data in the facts it relied on, and leaves out the text itself', () => {
    const s = renderStatement({
      ...base,
      actions: ['remove'],
      facts: [
        {
          name: 'contactHandles',
          value: [
            { kind: 'phone', value: '13812345678' },
            { kind: 'email', value: 'mia@example.com' },
          ],
        },
        { name: 'text', value: 'call 13812345678' },
        { name: 'contactCount', value: 2 },
      ],
    });
    const all = JSON.stringify(s);
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain('mia@example.com');
    expect(s.facts.map((f) => f.name)).toEqual(['contactHandles', 'contactCount']);
    expect(s.en).toMatch(/reputation/);
    expect(s.zh).toMatch(/信誉/);
  });

  it('carries the moderator’s note in each language, masked, and none when there is none', () => {
    const s = renderStatement({
      ...base,
      actions: ['remove'],
      facts: [],
      note: { en: 'You asked members to text 13812345678', zh: '您要求会员发短信到 13812345678。' },
    });
    expect(s.en).toMatch(/Moderator's note: You asked members to text \S+\. /);
    expect(s.zh).toMatch(/审核员说明：您要求会员发短信到 \S+。/);
    expect(JSON.stringify(s)).not.toContain('13812345678');
    const none = renderStatement({ ...base, actions: ['remove'], facts: [] });
    expect(none.en).not.toMatch(/note/i);
    expect(none.zh).not.toMatch(/审核员说明/);
  });

  it('says who decided: a rule or a person', () => {
    const auto = renderStatement({
      ...base,
      automated: true,
      kind: 'automated',
      ground: { type: 'policy', policy: 'Blocked domains', version: 3, rules: ['blocked-domain-link'] },
      actions: ['hold'],
      facts: [],
    });
    expect(auto.en).toMatch(/automatically/);
    expect(auto.en).toMatch(/"Blocked domains" v3 \(rule blocked-domain-link\)/);
    expect(auto.zh).toMatch(/自动/);
    expect(renderStatement({ ...base, actions: ['hold'], facts: [] }).en).toMatch(/A moderator reviewed it/);
  });

  it('renders every action in both languages, whatever the facts', () => {
    const actions: StatementAction[] = ['remove', 'hold', 'label', 'require_disclosure', 'warn', 'restrict_order', 'reinstate', 'uphold'];
    fc.assert(
      fc.property(
        fc.subarray(actions, { minLength: 1 }),
        fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 20 }),
            value: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())),
          }),
          { maxLength: 12 },
        ),
        (acts, facts) => {
          const s = renderStatement({ ...base, actions: acts, facts });
          expect(s.en.length).toBeGreaterThan(40);
          expect(/[\u4e00-\u9fff]/.test(s.zh)).toBe(true);
          expect(s.facts.length).toBeLessThanOrEqual(8);
          for (const f of s.facts) expect(f.value.length).toBeLessThanOrEqual(120);
        },
      ),
    );
  });

  it('needs a statement for restrictions only', () => {
    expect(statementActionFor('approve', 'post')).toBeNull();
    expect(statementActionFor('escalate', 'post')).toBeNull();
    expect(statementActionFor('hold', 'transaction')).toBe('restrict_order');
    expect(statementActionFor('remove', 'post')).toBe('remove');
  });
});
