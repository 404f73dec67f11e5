import { describe, expect, it } from 'vitest';
import { buildPatternMatcher, patternProblem } from '../../rules/text/patterns';

describe('policy patterns', () => {
  it.each(['(a+)+$', '(a|a)*b', '(x+x+)+y', '(.*a){12}', '\\s*\\s*x'])(
    'runs the backtracking-prone %s on RE2, and it answers on 20k characters',
    (p) => {
      const m = buildPatternMatcher(p);
      expect(m.engine).toBe('re2');
      expect(m.test('a'.repeat(20_000) + '!')).toBeTypeOf('boolean');
    },
  );

  it.each(['微信|vx|wx', '[0-9]{11}', '\\d{3}[ -]?\\d{4}[ -]?\\d{4}', '^【广告】'])('runs the safe %s natively', (p) => {
    expect(buildPatternMatcher(p).engine).toBe('native');
  });

  it('matches the same on either engine', () => {
    const native = buildPatternMatcher('v\\s?x[:：]?[a-z0-9_]{6,}');
    expect(native.test('vx:abc_123')).toBe(true);
    const re2 = buildPatternMatcher('(v|vx)+\\s*[:：]?\\s*[a-z0-9_]{6,}');
    expect(re2.engine).toBe('re2');
    expect(re2.test('vx:abc_123')).toBe(true);
    expect(re2.test('nothing')).toBe(false);
  });

  it.each([
    ['', /empty/],
    ['(a)\\1', /RE2/],
    ['(?<=a)b', /RE2/],
    ['[unclosed', /./],
    ['x'.repeat(501), /at most/],
  ])('refuses %s', (p, message) => {
    expect(patternProblem(p)).toMatch(message);
  });
});
