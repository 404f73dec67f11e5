import { useRef, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { postJson } from './api';
import { usePolicyVersions, VersionLabel, versionShort } from './usePolicyVersions';

type Pending = { kind: 'publish'; mode: 'enforce' | 'shadow' } | { kind: 'rollback'; versionId: number } | null;

/** Publish, publish in shadow mode, or roll back: each asks for confirmation and is audited by the server. */
export function PublishControls() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState<Pending>(null);
  const [note, setNote] = useState('');
  const [version, setVersion] = useState<number | ''>('');
  const queryClient = useQueryClient();
  const { data: versions } = usePolicyVersions(record?.id);
  // The dialog keeps the words it opened with while it fades out: a shadow publish must not flash the enforce title.
  const shownRef = useRef<Pending>(null);
  if (pending) shownRef.current = pending;
  const shown = pending ?? shownRef.current;
  if (!record) return null;
  const confirm = async () => {
    if (!pending) return;
    try {
      const result = (
        pending.kind === 'publish'
          ? await postJson(`/api/policies/${record.id}/publish`, { mode: pending.mode, ...(note ? { note } : {}) })
          : await postJson(`/api/policies/${record.id}/rollback`, { versionId: pending.versionId, ...(note ? { note } : {}) })
      ) as { version: number; mode: 'enforce' | 'shadow' };
      // A shadow version records its hits and enforces nothing: the message must not say "in force".
      notify(result.mode === 'shadow' ? 'app.policies.published_shadow' : 'app.policies.published', {
        type: 'success',
        messageArgs: { version: result.version },
      });
      await queryClient.invalidateQueries({ queryKey: ['policy-versions-summary', record.id] });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
    setPending(null);
    setNote('');
  };
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      <Button variant="contained" onClick={() => setPending({ kind: 'publish', mode: 'enforce' })}>
        {translate('app.policies.publish')}
      </Button>
      <Button variant="outlined" onClick={() => setPending({ kind: 'publish', mode: 'shadow' })}>
        {translate('app.policies.publish_shadow')}
      </Button>
      <TextField
        select
        size="small"
        label={translate('app.policies.rollback_to')}
        value={version}
        onChange={(e) => setVersion(Number(e.target.value))}
        sx={{ minWidth: 260, maxWidth: 420 }}
        slotProps={{ select: { renderValue: (id) => versionShort(translate, versions, id) } }}
      >
        {(versions ?? []).map((v) => (
          <MenuItem key={v.id} value={v.id}>
            <VersionLabel v={v} />
          </MenuItem>
        ))}
      </TextField>
      <Button
        variant="outlined"
        color="warning"
        disabled={version === ''}
        onClick={() => version !== '' && setPending({ kind: 'rollback', versionId: version })}
      >
        {translate('app.policies.rollback')}
      </Button>
      <Dialog open={!!pending} onClose={() => setPending(null)} aria-labelledby="confirm-policy-title">
        <DialogTitle id="confirm-policy-title">
          {translate(
            shown?.kind === 'publish' && shown.mode === 'shadow' ? 'app.policies.confirm_title_shadow' : 'app.policies.confirm_title',
          )}
        </DialogTitle>
        <DialogContent>
          <Typography>
            {shown?.kind === 'publish'
              ? translate(shown.mode === 'enforce' ? 'app.policies.confirm_publish' : 'app.policies.confirm_shadow', {
                  name: record.name,
                })
              : translate('app.policies.confirm_rollback', { name: record.name })}
          </Typography>
          <TextField
            label={translate('app.policies.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPending(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={confirm}>
            {translate('ra.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
