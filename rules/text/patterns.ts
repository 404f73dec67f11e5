import { RE2 } from 're2-wasm';
import { checkSync } from 'recheck';

export const MAX_PATTERN_LENGTH = 500;

export interface PatternMatcher {
  test(text: string): boolean;
  /** Which engine runs it: native when proven free of catastrophic backtracking, RE2 (linear time) otherwise. */
  engine: 'native' | 're2';
}

/** A reason the pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `patterns are at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RE2(pattern, 'iu');
  } catch (err) {
    return `not a valid RE2 pattern (no backreferences or lookaround): ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return `not a valid pattern: ${(err as Error).message}`;
  }
  return null;
}

/**
 * Builds the matcher for a pattern that passed `patternProblem`. recheck decides whether the
 * pattern can backtrack super-linearly; only a pattern it proves safe (within a bounded time, with
 * a fixed seed so the verdict never varies) runs on the native engine. Everything else, polynomial
 * or exponential or undecided, runs on RE2, which is linear in the text whatever the pattern.
 */
export function buildPatternMatcher(pattern: string): PatternMatcher {
  let safe: boolean;
  try {
    safe = checkSync(pattern, 'iu', { timeout: 500, randomSeed: 0 }).status === 'safe';
  } catch {
    safe = false;
  }
  if (safe) {
    const re = new RegExp(pattern, 'iu');
    return { test: (text) => re.test(text), engine: 'native' };
  }
  const re2 = new RE2(pattern, 'iu');
  return { test: (text) => re2.test(text), engine: 're2' };
}
