import { Button, Stack } from '@mui/material';
import { useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import { httpClient } from '../dataProvider';
import { APPROVE_TEMPLATE, ESCALATE_TEMPLATE, REMOVE_TEMPLATE } from './reasonTemplates';

/** The same decisions as the queue's keys, with the queue's reason templates. */
export function DecisionButtons() {
  const record = useRecordContext();
  const notify = useNotify();
  const redirect = useRedirect();
  const translate = useTranslate();
  if (!record || record.status !== 'open') return null;
  const remove = REMOVE_TEMPLATE[record.queue as string] ?? { action: 'remove', reasonCode: String(record.queue) };
  const decide = async (decision: { action: string; reasonCode: string }) => {
    try {
      await httpClient(`/api/flags/${record.id}/claim`, { method: 'POST', body: '{}' });
      await httpClient(`/api/flags/${record.id}/decide`, { method: 'POST', body: JSON.stringify(decision) });
      notify('app.triage.decided', { type: 'success', messageArgs: { action: translate(`enums.decision_action.${decision.action}`), id: record.id } });
      redirect('list', 'flags');
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }} aria-label={translate('app.evidence.decide')}>
      <Button variant="outlined" color="success" onClick={() => decide(APPROVE_TEMPLATE)}>
        {translate('enums.decision_action.approve')} (a)
      </Button>
      <Button variant="contained" color="error" onClick={() => decide(remove)}>
        {translate(`enums.decision_action.${remove.action}`)} (r)
      </Button>
      <Button variant="outlined" onClick={() => decide(ESCALATE_TEMPLATE)}>
        {translate('enums.decision_action.escalate')} (e)
      </Button>
    </Stack>
  );
}
