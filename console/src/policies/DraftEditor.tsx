import { useEffect, useState } from 'react';
import { Alert, Box, Button, List, ListItem, ListItemText, TextField, Typography } from '@mui/material';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { httpClient } from '../dataProvider';
import { validateDocument, type PolicyProblem } from './api';

/**
 * The draft as JSON, checked by the server as it is typed: every problem is listed with the JSON
 * path it sits at (rules[2].conditions.all[0].fact), the same check that guards saving.
 */
export function DraftEditor() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [text, setText] = useState(() => JSON.stringify(record?.draft ?? { rules: [] }, null, 2));
  const [problems, setProblems] = useState<PolicyProblem[]>([]);
  const [syntax, setSyntax] = useState<string | null>(null);

  useEffect(() => {
    if (record) setText(JSON.stringify(record.draft, null, 2));
  }, [record?.id, record?.updatedAt]);

  useEffect(() => {
    const timer = setTimeout(async () => {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
        setSyntax(null);
      } catch (err) {
        setSyntax((err as Error).message);
        return;
      }
      if (record) setProblems(await validateDocument(String(record.appliesTo), doc).catch(() => []));
    }, 400);
    return () => clearTimeout(timer);
  }, [text, record]);

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
      <TextField
        label={translate('resources.policies.fields.draft')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        multiline
        minRows={12}
        maxRows={30}
        fullWidth
        slotProps={{ input: { sx: { fontFamily: 'monospace', fontSize: 13 } }, htmlInput: { 'aria-describedby': 'draft-problems', spellCheck: false } }}
      />
      <Box id="draft-problems" aria-live="polite">
        {syntax && <Alert severity="error">{translate('app.policies.not_json', { message: syntax })}</Alert>}
        {!syntax && problems.length === 0 && <Alert severity="success">{translate('app.policies.valid')}</Alert>}
        {problems.length > 0 && (
          <Alert severity="error">
            <Typography variant="body2">{translate('app.policies.problems', { smart_count: problems.length })}</Typography>
            <List dense>
              {problems.map((p, i) => (
                <ListItem key={i} disableGutters>
                  <ListItemText primary={<code data-testid="problem-path">{p.path}</code>} secondary={p.message} />
                </ListItem>
              ))}
            </List>
          </Alert>
        )}
      </Box>
      <Button variant="contained" sx={{ mt: 1 }} onClick={save} disabled={!!syntax || problems.length > 0}>
        {translate('app.policies.save_draft')}
      </Button>
    </Box>
  );
}
