import { beforeAll, describe, expect, it } from 'vitest';
import { disclosureVerdict } from '../../rules/disclosure/verdict';
import { evaluateDisclosure, loadEvalSet } from '../../eval/disclosure/evaluate';
import { loadOnnxScorer, type OnnxScorer } from '../../models/runtime/onnxScorer';

const partnered = [{ brand: '声悦', kind: 'sponsorship' as const }];
const status = (text: string, extra: Record<string, unknown> = {}) => disclosureVerdict({ text, partnerships: partnered, ...extra }).status;

describe('disclosure verdict', () => {
  it('needs a commercial relation, not just enthusiasm', () => {
    expect(disclosureVerdict({ text: '真心推荐声悦耳机，太好用了' }).status).toBe('not_commercial');
    expect(disclosureVerdict({ text: '真心推荐声悦耳机，太好用了', promoScore: 0.99 }).status).toBe('not_commercial');
    expect(status('真心推荐声悦耳机，太好用了')).toBe('undisclosed');
    expect(disclosureVerdict({ text: 'Grab it here https://shop.example/p/1?aff=mia' }).status).toBe('undisclosed');
  });

  it('counts a marker only where a reader would see it', () => {
    expect(status('【广告】真心推荐声悦耳机')).toBe('disclosed');
    expect(status('真心推荐声悦耳机', { platformLabel: true })).toBe('disclosed');
    expect(status('真心推荐声悦耳机\n第二行\n第三行\n第四行\n#广告')).toBe('weakly_disclosed');
    expect(status('真心推荐声悦耳机 #好物 #种草 #日常 #广告 #生活')).toBe('weakly_disclosed');
    expect(status('真心推荐声悦耳机 https://shop.example/sponsored/1')).toBe('weakly_disclosed');
    expect(status('真心推荐声悦耳机 #sp')).toBe('weakly_disclosed');
  });

  it('does not take a denial or a quotation for a disclosure', () => {
    expect(status('这不是广告，真心推荐声悦耳机')).toBe('undisclosed');
    expect(status('有人说我是“广告”，真心推荐声悦耳机')).toBe('undisclosed');
    expect(status('#notsponsored 声悦 forever')).toBe('undisclosed');
  });

  it('lists its evidence', () => {
    const v = disclosureVerdict({ text: '真心推荐声悦耳机 https://shop.example/p/1?aff=me', partnerships: partnered });
    expect(v.evidence.map((e) => e.kind)).toEqual(['partnered_brand_mentioned', 'affiliate_link', 'missing_marker']);
    expect(v.confidence).toBeGreaterThan(0.9);
  });
});

describe('disclosure evaluation set', () => {
  let scorer: OnnxScorer;
  beforeAll(async () => {
    scorer = await loadOnnxScorer();
  });

  it('keeps precision and recall of "undisclosed" at or above 0.90 (eval/disclosure/EVALUATION.md)', async () => {
    const items = loadEvalSet();
    expect(items.length).toBeGreaterThanOrEqual(300);
    const result = await evaluateDisclosure(items, scorer);
    expect(result.undisclosed.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.undisclosed.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('compliance priority', () => {
  it('grows with confidence and with reach, and stays within 0–100', async () => {
    const { compliancePriority } = await import('../../rules/disclosure/compliancePriority');
    expect(compliancePriority(1000, 0.9)).toBeGreaterThan(compliancePriority(1000, 0.6));
    expect(compliancePriority(100_000, 0.7)).toBeGreaterThan(compliancePriority(100, 0.7));
    expect(compliancePriority(1e12, 1)).toBe(100);
    expect(compliancePriority(0, 0)).toBe(10);
    expect(compliancePriority(100_000, 1)).toBe(70);
  });
});
