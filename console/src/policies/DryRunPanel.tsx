import { useState } from 'react';
import { Box, Button, TextField, Typography } from '@mui/material';
import { Link, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { postJson } from './api';
import { ExplanationTree } from '../evidence/ExplanationTree';

interface DryRunResult {
  item: unknown;
  events: Array<{ type: string }>;
  hits: Array<{ rule: string; explanation: unknown }>;
  published: { rules: string[] } | null;
  /** The item the result is about: a stored id (linked), or the platform's id of an item pasted as JSON. */
  subject: { id: number | null; externalId: string | null; snippet: string };
}

/** Tries the draft on stored items (ids) or pasted ones (JSON, as a platform would send); writes nothing. */
export function DryRunPanel() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [input, setInput] = useState('');
  const [results, setResults] = useState<DryRunResult[] | null>(null);
  if (!record) return null;
  const run = async () => {
    const trimmed = input.trim();
    let items: unknown[];
    try {
      items = /^[\d,\s]+$/.test(trimmed)
        ? trimmed
            .split(/[,\s]+/)
            .filter(Boolean)
            .map((id) => ({ id: Number(id) }))
        : ([] as unknown[]).concat(JSON.parse(trimmed));
    } catch {
      notify('app.policies.dry_run_input', { type: 'warning' });
      return;
    }
    try {
      const body = (await postJson(`/api/policies/${record.id}/dry-run`, { items })) as { results: DryRunResult[] };
      setResults(body.results);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ maxWidth: 900 }}>
      <TextField
        label={translate('app.policies.dry_run_items')}
        helperText={translate('app.policies.dry_run_help')}
        value={input}
        onChange={(e) => setInput(e.target.value)}
        multiline
        minRows={3}
        fullWidth
        slotProps={{ input: { sx: { fontFamily: 'monospace' } } }}
      />
      <Button variant="outlined" sx={{ my: 1 }} onClick={run}>
        {translate('app.policies.dry_run')}
      </Button>
      {results?.map((r, i) => (
        <Box key={i} sx={{ my: 1, p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid="dry-run-result">
          <Typography variant="subtitle2" component="h3">
            {r.subject.id !== null ? (
              <Link to={`/${record.appliesTo === 'transaction' ? 'transactions' : 'posts'}/${r.subject.id}/show`}>
                {translate('app.policies.dry_run_stored', { id: r.subject.id })}
              </Link>
            ) : (
              translate('app.policies.dry_run_pasted', { id: r.subject.externalId ?? String(i + 1) })
            )}
            {r.subject.snippet && (
              <Typography component="span" variant="body2" sx={{ ml: 1, color: 'text.secondary' }} data-testid="dry-run-snippet">
                “{r.subject.snippet}”
              </Typography>
            )}
          </Typography>
          <Typography variant="body2">
            {translate('app.policies.dry_run_events', {
              events: r.events.map((e) => translate(`enums.event_type.${e.type}`, { _: e.type })).join(', ') || '—',
              published: r.published ? r.published.rules.join(', ') || '—' : '—',
            })}
          </Typography>
          {r.hits.map((h) => (
            <Box key={h.rule} sx={{ pl: 1 }}>
              <Typography variant="body2">
                <b>{h.rule}</b>
              </Typography>
              <ExplanationTree node={h.explanation} />
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
}
