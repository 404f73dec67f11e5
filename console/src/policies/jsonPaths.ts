import type { EditorState } from '@codemirror/state';
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { Tree } from '@lezer/common';
import type { SyntaxNode } from '@lezer/common';

/**
 * The whole document's tree: the editor parses in slices in the background, and a path near the
 * end of a long draft must not be looked up in a tree that stops halfway.
 */
export function fullTree(state: EditorState): Tree {
  return ensureSyntaxTree(state, state.doc.length, 500) ?? syntaxTree(state);
}

/** A JSON path as the validator writes it (`rules[2].conditions.all[0].fact`), split into keys and indexes. */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  if (path === '(root)' || path === '') return [];
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

const VALUE_NODES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

function childrenOf(node: SyntaxNode, names: ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (names.has(c.name)) out.push(c);
  return out;
}

const PROPERTY = new Set(['Property']);
const keyOf = (state: EditorState, property: SyntaxNode): string | null => {
  const name = property.getChild('PropertyName');
  if (!name) return null;
  try {
    return JSON.parse(state.sliceDoc(name.from, name.to)) as string;
  } catch {
    return null;
  }
};

/**
 * Where a path sits in the text: the value it names, or, when the last key is missing, the
 * object that lacks it. Falls back to the deepest part of the path that exists.
 */
export function rangeOfPath(state: EditorState, path: string): { from: number; to: number } {
  let node: SyntaxNode | null = fullTree(state).topNode.firstChild;
  while (node && !VALUE_NODES.has(node.name)) node = node.nextSibling;
  if (!node) return { from: 0, to: 0 };
  let range = { from: node.from, to: node.to };
  for (const segment of parsePath(path)) {
    let next: SyntaxNode | undefined;
    if (typeof segment === 'number' && node.name === 'Array') next = childrenOf(node, VALUE_NODES)[segment];
    else if (typeof segment === 'string' && node.name === 'Object') {
      const property = childrenOf(node, PROPERTY).find((p) => keyOf(state, p) === segment);
      // The key: an unknown property is pointed at by its name, a value by the value itself.
      const value = property ? childrenOf(property, VALUE_NODES)[0] : undefined;
      if (property && !value) next = property;
      else next = value;
      if (property) range = { from: property.from, to: property.to };
    }
    if (!next) break;
    node = next;
    range = { from: next.from, to: next.to };
  }
  // A whole object or array would underline pages: its first line is enough.
  const line = state.doc.lineAt(range.from);
  return { from: range.from, to: Math.min(range.to, line.to) };
}

/** The keys and indexes from the document's top down to the value that holds `pos`. */
export function pathAt(state: EditorState, node: SyntaxNode): PathSegment[] {
  const out: PathSegment[] = [];
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    const parent = n.parent;
    if (!parent) break;
    if (parent.name === 'Property' && n.name !== 'PropertyName') {
      const key = keyOf(state, parent);
      if (key !== null) out.unshift(key);
    } else if (parent.name === 'Array' && VALUE_NODES.has(n.name)) {
      out.unshift(childrenOf(parent, VALUE_NODES).findIndex((c) => c.from === n.from));
    }
  }
  return out;
}

/** The text of a sibling property's value in the same object (the operator beside a value), if it is a string. */
export function siblingString(state: EditorState, object: SyntaxNode, key: string): string | null {
  const property = childrenOf(object, PROPERTY).find((p) => keyOf(state, p) === key);
  const value = property?.getChild('String');
  if (!value) return null;
  try {
    return JSON.parse(state.sliceDoc(value.from, value.to)) as string;
  } catch {
    return null;
  }
}

/** The keys an object already has. */
export function keysOf(state: EditorState, object: SyntaxNode): string[] {
  return childrenOf(object, PROPERTY)
    .map((p) => keyOf(state, p))
    .filter((k): k is string => k !== null);
}
