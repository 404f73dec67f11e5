import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { httpClient } from '../dataProvider';

/** An appeal upheld: the item comes back and the reputation the decision cost is repaired (server side). */
export function ReverseButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!record || record.reversedAt || record.reversesDecisionId || record.action === 'approve' || record.action === 'escalate') return null;
  const submit = async () => {
    try {
      await httpClient(`/api/decisions/${record.id}/reverse`, { method: 'POST', body: JSON.stringify({ reason }) });
      notify('app.appeals.reversed', { type: 'success' });
      setOpen(false);
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button variant="outlined" color="warning" onClick={() => setOpen(true)}>
        {translate('app.appeals.reverse')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="reverse-title">
        <DialogTitle id="reverse-title">{translate('app.appeals.title')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            label={translate('app.appeals.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            fullWidth
            multiline
            minRows={2}
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={reason.trim().length < 3} onClick={submit}>
            {translate('app.appeals.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
