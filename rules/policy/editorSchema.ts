import { z } from 'zod';
import { factsFor, type Subject } from '../facts/catalog';
import { EVENT_PARAMS, EVENT_TYPES } from './events';
import { BUILTIN_OPERATORS, CUSTOM_OPERATOR_NAMES, DECORATORS } from './operators';
import { LIMITS } from './validate';

/** A JSON Schema (2020-12) object, as plain data. */
export type JsonSchema = { [key: string]: unknown };

export const OPERATOR_NAMES: readonly string[] = [...BUILTIN_OPERATORS.map((o) => o.name), ...CUSTOM_OPERATOR_NAMES];
/** Operators whose value names a policy list. */
export const LIST_OPERATORS: readonly string[] = ['inList', 'containsPhraseFromList', 'domainInList'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The policy document's shape as a JSON Schema, built from the fact catalogue, the operators, the
 * event types and the lists that exist. The editor completes and describes from it; validatePolicy
 * stays the check that guards saving (it also knows what a schema cannot say: unsafe patterns,
 * duplicate names, a fact that is not one of this subject's).
 */
export function policyEditorSchema(subject: Subject, listNames: readonly string[]): JsonSchema {
  const facts = factsFor(subject);
  const decorated = `^((${DECORATORS.map((d) => escape(d.name)).join('|')}):)+(${OPERATOR_NAMES.map(escape).join('|')})$`;
  const priority = { type: 'integer', minimum: 1, description: 'evaluation order: higher runs first' };
  const listOperatorPattern = `(^|:)(${LIST_OPERATORS.join('|')})$`;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['rules'],
    properties: {
      rules: { type: 'array', maxItems: LIMITS.rules, items: { $ref: '#/$defs/rule' }, description: 'the rules of this policy' },
    },
    $defs: {
      rule: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'conditions', 'event'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: LIMITS.nameLength, description: 'unique within the policy' },
          priority: { ...priority, maximum: 1000 },
          conditions: { $ref: '#/$defs/condition', description: 'all, any or not at the top' },
          event: { $ref: '#/$defs/event' },
        },
      },
      condition: {
        anyOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['all'],
            properties: { all: { type: 'array', items: { $ref: '#/$defs/condition' }, description: 'every condition holds' }, priority },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['any'],
            properties: {
              any: { type: 'array', items: { $ref: '#/$defs/condition' }, description: 'at least one condition holds' },
              priority,
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['not'],
            properties: { not: { $ref: '#/$defs/condition', description: 'the condition does not hold' }, priority },
          },
          { $ref: '#/$defs/leaf' },
        ],
      },
      leaf: {
        type: 'object',
        additionalProperties: false,
        required: ['fact', 'operator', 'value'],
        properties: {
          // enumDescriptions: the editors' convention for documenting each enum value; validators ignore it.
          fact: {
            enum: facts.map((f) => f.name),
            enumDescriptions: facts.map((f) => `${f.type} · ${f.description}`),
            description: `a fact of a ${subject}`,
          },
          operator: {
            anyOf: [{ enum: [...OPERATOR_NAMES] }, { type: 'string', pattern: decorated }],
            description: 'an operator, optionally decorated (not:, someFact: …)',
          },
          value: { description: 'what the fact is compared with; a list name for the list operators' },
          path: { type: 'string', pattern: '^\\$', description: 'JSONPath into an object or array fact' },
          priority,
          params: { type: 'object' },
        },
        allOf: [
          {
            if: { properties: { operator: { type: 'string', pattern: listOperatorPattern } } },
            then: { properties: { value: { enum: [...listNames] } } },
          },
        ],
      },
      event: {
        oneOf: EVENT_TYPES.map((type) => ({
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: { type: { const: type }, params: z.toJSONSchema(EVENT_PARAMS[type]) },
        })),
      },
    },
  };
}
