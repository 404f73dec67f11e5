import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { Text } from '@codemirror/state';
import { fullTree, rangeOfPath } from './jsonPaths';
import type { PolicyProblem } from './api';

/** A diagnostic with the validator's path kept, so the list under the editor can show it. */
export interface PolicyDiagnostic extends Diagnostic {
  path?: string;
}

/** Where the JSON stops parsing: the first error node of the syntax tree, else the end. */
function syntaxErrorAt(view: EditorView): number {
  let at = -1;
  fullTree(view.state).iterate({
    enter: (n) => {
      if (at >= 0) return false;
      if (n.type.isError) at = n.from;
      return undefined;
    },
  });
  return at >= 0 ? at : view.state.doc.length;
}

/**
 * One check per edit, whose result replaces the last one whole: a syntax error alone when the
 * text is not JSON (the schema problems of the previous text no longer apply), else every problem
 * the server's validator finds, placed at its path. CodeMirror drops a result whose text has
 * changed meanwhile, so a slow answer never shows problems of an older text.
 */
export function policyLintSource(
  validate: (doc: unknown) => Promise<PolicyProblem[]>,
  notJson: (message: string) => string,
  onChecked: (doc: Text) => void,
) {
  return async (view: EditorView): Promise<PolicyDiagnostic[]> => {
    const state = view.state;
    const doc = state.doc;
    let parsed: unknown;
    try {
      parsed = JSON.parse(doc.toString());
    } catch (err) {
      const from = Math.min(syntaxErrorAt(view), doc.length);
      onChecked(doc);
      return [{ from, to: Math.min(from + 1, doc.length), severity: 'error', message: notJson((err as Error).message), source: 'json' }];
    }
    const problems = await validate(parsed);
    onChecked(doc);
    return problems.map((p) => ({ ...rangeOfPath(state, p.path), severity: 'error', message: p.message, source: 'policy', path: p.path }));
  };
}
