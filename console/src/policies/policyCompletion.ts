import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { SyntaxNode } from '@lezer/common';
import { fullTree, keysOf, pathAt, siblingString, type PathSegment } from './jsonPaths';

type Schema = { [key: string]: unknown };

/** Operators whose value names a policy list (rules/policy/editorSchema.ts says the same in its if/then). */
const LIST_OPERATOR = /(^|:)(inList|containsPhraseFromList|domainInList)$/;
const DECORATOR_PREFIXES = ['not:', 'someFact:', 'everyFact:', 'someValue:', 'everyValue:', 'swap:'];

function deref(root: Schema, s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return s;
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Schema)[key] : undefined), root);
  return target && typeof target === 'object'
    ? deref(root, { ...(target as Schema), ...(s.description ? { description: s.description } : {}) })
    : s;
}

/** Every alternative a schema allows, with references followed. */
function alternatives(root: Schema, s: Schema, depth = 0): Schema[] {
  const d = deref(root, s);
  if (depth > 8) return [d];
  const branches = [...((d.anyOf as Schema[]) ?? []), ...((d.oneOf as Schema[]) ?? [])];
  return branches.length ? [d, ...branches.flatMap((b) => alternatives(root, b, depth + 1))] : [d];
}

/** The schemas that may describe the value at `path`. */
export function schemasAt(root: Schema, path: PathSegment[]): Schema[] {
  let current = alternatives(root, root);
  for (const segment of path) {
    const next: Schema[] = [];
    for (const s of current) {
      const child =
        typeof segment === 'number' ? (s.items as Schema | undefined) : (s.properties as Record<string, Schema> | undefined)?.[segment];
      if (child) next.push(...alternatives(root, child));
    }
    current = next;
  }
  return current;
}

function valueOptions(root: Schema, path: PathSegment[]): Completion[] {
  const seen = new Map<string, Completion>();
  for (const s of schemasAt(root, path)) {
    const descriptions = (s.enumDescriptions as string[] | undefined) ?? [];
    ((s.enum as unknown[] | undefined) ?? []).forEach((v, i) => {
      if (typeof v === 'string' && !seen.has(v))
        seen.set(v, { label: v, type: 'enum', info: descriptions[i] ?? (s.description as string | undefined) });
    });
    if (typeof s.const === 'string' && !seen.has(s.const)) seen.set(s.const, { label: s.const, type: 'enum' });
  }
  return [...seen.values()];
}

function keyOptions(root: Schema, path: PathSegment[], present: string[]): Completion[] {
  const seen = new Map<string, Completion>();
  for (const s of schemasAt(root, path)) {
    for (const [key, child] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
      if (!seen.has(key) && !present.includes(key))
        seen.set(key, { label: key, type: 'property', info: deref(root, child).description as string | undefined });
    }
  }
  return [...seen.values()];
}

/**
 * Completes from the policy document's JSON Schema: property names where a key is typed, fact
 * names, operators, event types and queue names where a value is, and list names as the value
 * of a list operator.
 */
export function policyCompletion(schema: () => Schema | null): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const root = schema();
    if (!root) return null;
    const { state, pos } = context;
    const node: SyntaxNode = fullTree(state).resolveInner(pos, -1);
    const isString = node.name === 'String' || node.name === 'PropertyName';
    if (!isString) return null;
    const text = state.sliceDoc(node.from, node.to);
    const closed = text.length > 1 && text.endsWith('"') && pos < node.to;
    const span = { from: node.from + 1, to: closed ? node.to - 1 : pos };
    const parent = node.parent;
    if (node.name === 'PropertyName' || parent?.name === 'Object') {
      const object = node.name === 'PropertyName' ? parent?.parent : parent;
      if (!object) return null;
      const options = keyOptions(root, pathAt(state, object), keysOf(state, object));
      return options.length ? { ...span, options, validFor: /^[\w$]*$/ } : null;
    }
    if (parent?.name !== 'Property') return null;
    const path = pathAt(state, node);
    const key = path[path.length - 1];
    let options = valueOptions(root, path);
    if (key === 'value' && parent.parent) {
      const operator = siblingString(state, parent.parent, 'operator');
      options = operator && LIST_OPERATOR.test(operator) ? valueOptions(root, [...path.slice(0, -1), 'value']).concat(listNames(root)) : [];
    }
    if (key === 'operator') options = options.concat(DECORATOR_PREFIXES.map((label) => ({ label, type: 'keyword', detail: 'decorator' })));
    return options.length ? { ...span, options, validFor: /^[\w:$]*$/ } : null;
  };
}

function listNames(root: Schema): Completion[] {
  const leaf = deref(root, { $ref: '#/$defs/leaf' });
  const names = ((leaf.allOf as Schema[] | undefined) ?? []).flatMap((branch) => {
    const value = ((branch.then as Schema | undefined)?.properties as Record<string, Schema> | undefined)?.value;
    return ((value?.enum as unknown[] | undefined) ?? []).filter((v): v is string => typeof v === 'string');
  });
  return names.map((label) => ({ label, type: 'constant', detail: 'list' }));
}
