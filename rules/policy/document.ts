/**
 * A policy document: json-rules-engine rules, restricted to what the product can validate,
 * explain and compile. The types describe the stored JSON.
 */
export interface FactReference {
  fact: string;
  path?: string;
}

export interface LeafCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  priority?: number;
  params?: Record<string, unknown>;
}

export type Condition =
  LeafCondition | { all: Condition[]; priority?: number } | { any: Condition[]; priority?: number } | { not: Condition; priority?: number };

export interface PolicyRule {
  name: string;
  priority?: number;
  conditions: Condition;
  event: { type: string; params?: Record<string, unknown> };
}

export interface PolicyDocument {
  rules: PolicyRule[];
}

export function isAll(c: Condition): c is { all: Condition[]; priority?: number } {
  return Object.hasOwn(c, 'all');
}
export function isAny(c: Condition): c is { any: Condition[]; priority?: number } {
  return Object.hasOwn(c, 'any');
}
export function isNot(c: Condition): c is { not: Condition; priority?: number } {
  return Object.hasOwn(c, 'not');
}
export function isFactReference(value: unknown): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact');
}

/** Rule priority as json-rules-engine reads it (absent or 0 means 1). */
export function rulePriority(rule: PolicyRule): number {
  return rule.priority || 1;
}
