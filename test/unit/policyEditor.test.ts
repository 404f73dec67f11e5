import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { parsePath, rangeOfPath } from '../../console/src/policies/jsonPaths';
import { policyCompletion } from '../../console/src/policies/policyCompletion';
import { policyEditorSchema } from '../../rules/policy/editorSchema';

const DOC = `{
  "rules": [
    {
      "name": "r1",
      "conditions": { "all": [ { "fact": "linkDomains", "operator": "domainInList", "value": "" }, { "fact": "", "operator": "", "value": 1 } ] },
      "event": { "type": "flag", "params": { "queue": "", "priority": 10, "reason": "x" } }
    }
  ]
}`;

// No parse is forced here: the editor's own lookups must parse what they need.
const stateOf = (doc: string) => EditorState.create({ doc, extensions: [json()] });
const schema = policyEditorSchema('post', ['blocked-domains', 'brands']);
const complete = (doc: string, needle: string, offset = 1) => {
  const state = stateOf(doc);
  const pos = doc.indexOf(needle) + offset;
  return policyCompletion(() => schema)(new CompletionContext(state, pos, true)) as CompletionResult | null;
};
const labels = (r: CompletionResult | null) => (r?.options ?? []).map((o) => o.label);

describe('the policy editor', () => {
  it('places a validator path on its line', () => {
    const state = stateOf(DOC);
    expect(parsePath('rules[0].conditions.all[1].fact')).toEqual(['rules', 0, 'conditions', 'all', 1, 'fact']);
    const line = (path: string) => state.doc.lineAt(rangeOfPath(state, path).from).number;
    expect(line('rules[0].conditions.all[1].fact')).toBe(5);
    expect(line('rules[0].event.params.queue')).toBe(6);
    expect(line('rules[0].name')).toBe(4);
    // A missing key points at the object that lacks it; an unknown path at the deepest part that exists.
    expect(line('rules[0].conditions.all[0].nothing')).toBe(5);
    expect(line('rules[3].name')).toBe(2);
    expect(line('(root)')).toBe(1);
  });

  it('completes facts, operators, queues and, for a list operator, list names', () => {
    const facts = labels(complete(DOC, '"fact": ""', 9));
    expect(facts).toContain('contactHandles');
    expect(facts).not.toContain('buyerAgeDays');
    const operators = labels(complete(DOC, '"operator": ""', 13));
    expect(operators).toEqual(expect.arrayContaining(['greaterThan', 'containsPhraseFromList', 'not:']));
    expect(labels(complete(DOC, '"value": ""', 10))).toEqual(['blocked-domains', 'brands']);
    expect(labels(complete(DOC, '"queue": ""', 10))).toContain('undisclosed_ad');
    expect(labels(complete(DOC, '"type": "flag"', 9))).toEqual(expect.arrayContaining(['flag', 'hold', 'require_disclosure']));
    // Property names a rule may still take, not those it has.
    const keys = labels(complete(DOC, '"name"', 1));
    expect(keys).toContain('priority');
    expect(keys).not.toContain('conditions');
  });
});
