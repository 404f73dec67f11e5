import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, Button, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import CodeMirror, { EditorView, type ViewUpdate } from '@uiw/react-codemirror';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { forEachDiagnostic, linter, lintGutter, setDiagnosticsEffect } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { httpClient } from '../dataProvider';
import { validateDocument } from './api';
import { policyCompletion } from './policyCompletion';
import { policyLintSource, type PolicyDiagnostic } from './policyLinter';

interface ListedProblem {
  from: number;
  line: number;
  path?: string;
  message: string;
}

/**
 * The draft as JSON in a code editor: line numbers, completion from the document's JSON Schema
 * (facts, operators, event types, list names), and every problem the server's validator finds,
 * underlined and listed below; a listed problem moves the cursor to its line.
 */
export function DraftEditor() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [text, setText] = useState(() => JSON.stringify(record?.draft ?? { rules: [] }, null, 2));
  const [problems, setProblems] = useState<ListedProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const view = useRef<EditorView | null>(null);
  const checkedDoc = useRef<Text | null>(null);
  const appliesTo = String(record?.appliesTo ?? 'post');
  const { data: schema } = useQuery({
    queryKey: ['policy-schema', appliesTo],
    queryFn: async () => (await httpClient(`/api/policy-schema/${appliesTo}`)).json as Record<string, unknown>,
    enabled: !!record,
    staleTime: 60_000,
  });
  const schemaRef = useRef<Record<string, unknown> | null>(null);
  schemaRef.current = schema ?? null;
  const translateRef = useRef(translate);
  translateRef.current = translate;

  // A new draft from the server (another record, or this one saved) replaces the text; a re-render does not.
  useEffect(() => {
    if (record) setText(JSON.stringify(record.draft, null, 2));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [record?.id, record?.updatedAt]);

  const extensions = useMemo(
    () => [
      json(),
      jsonLanguage.data.of({ autocomplete: policyCompletion(() => schemaRef.current) }),
      linter(
        policyLintSource(
          (doc) => validateDocument(appliesTo, doc).catch(() => []),
          (message) => translateRef.current('app.policies.not_json', { message }),
          (doc) => {
            checkedDoc.current = doc;
          },
        ),
        { delay: 400 },
      ),
      lintGutter(),
      EditorView.lineWrapping,
      // tabindex: axe (and some screen readers) count a contenteditable as focusable only with it, and the scroller needs a focusable child.
      EditorView.contentAttributes.of({
        'aria-label': translate('resources.policies.fields.draft'),
        'aria-describedby': 'draft-problems',
        tabindex: '0',
      }),
    ],
    [appliesTo, translate],
  );

  // The list shows what the editor underlines, read from the editor's own lint state after each check.
  const onUpdate = (update: ViewUpdate) => {
    const linted = update.transactions.some((tr) => tr.effects.some((e) => e.is(setDiagnosticsEffect)));
    if (update.docChanged) setChecked(false);
    if (!linted) return;
    const found: ListedProblem[] = [];
    forEachDiagnostic(update.state, (d, from) =>
      found.push({ from, line: update.state.doc.lineAt(from).number, path: (d as PolicyDiagnostic).path, message: d.message }),
    );
    setProblems(found);
    setChecked(checkedDoc.current === update.state.doc);
  };

  const jumpTo = (from: number) => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    v.focus();
  };

  if (!record) return null;
  const save = async () => {
    try {
      await httpClient(`/api/policies/${record.id}`, { method: 'PUT', body: JSON.stringify({ draft: JSON.parse(text) }) });
      notify('app.policies.saved', { type: 'success' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ maxWidth: 900 }}>
      <Typography variant="caption" component="p" color="text.secondary">
        {translate('resources.policies.fields.draft')} · {translate('app.policies.editor_help')}
      </Typography>
      <Box
        sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden', '& .cm-editor': { fontSize: 13 } }}
        data-testid="draft-editor"
      >
        <CodeMirror
          value={text}
          onChange={setText}
          extensions={extensions}
          onCreateEditor={(v) => {
            view.current = v;
          }}
          onUpdate={onUpdate}
          minHeight="240px"
          maxHeight="60vh"
          basicSetup={{
            lineNumbers: true,
            foldGutter: true,
            highlightActiveLine: true,
            highlightActiveLineGutter: true,
            autocompletion: true,
            closeBrackets: true,
          }}
        />
      </Box>
      <Box id="draft-problems" aria-live="polite" sx={{ mt: 1 }}>
        {checked && problems.length === 0 && <Alert severity="success">{translate('app.policies.valid')}</Alert>}
        {problems.length > 0 && (
          <Alert severity="error" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
            <Typography variant="body2">{translate('app.policies.problems', { smart_count: problems.length })}</Typography>
            <List dense disablePadding aria-label={translate('app.policies.problems_list')}>
              {problems.map((p, i) => (
                <ListItemButton
                  key={`${p.from}-${i}`}
                  onClick={() => jumpTo(p.from)}
                  data-testid="policy-problem"
                  data-line={p.line}
                  sx={{ py: 0, px: 0.5 }}
                >
                  <ListItemText
                    primary={
                      <>
                        <b>{translate('app.policies.problem_line', { line: p.line })}</b>{' '}
                        {p.path && <code data-testid="problem-path">{p.path}</code>}
                      </>
                    }
                    secondary={p.message}
                    slotProps={{ secondary: { color: 'text.primary' } }}
                  />
                </ListItemButton>
              ))}
            </List>
          </Alert>
        )}
      </Box>
      <Button variant="contained" sx={{ mt: 1 }} onClick={save} disabled={!checked || problems.length > 0}>
        {translate('app.policies.save_draft')}
      </Button>
    </Box>
  );
}
