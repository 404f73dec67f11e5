import { Button, Stack } from '@mui/material';
import { useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import { APPROVE_TEMPLATE, ESCALATE_TEMPLATE, removeTemplateFor, type FlagDecision } from './reasonTemplates';
import { claimAndDecide } from './flagWork';

/** The same decisions as the queue's keys, with the queue's reason templates. */
export function DecisionButtons() {
  const record = useRecordContext();
  const notify = useNotify();
  const redirect = useRedirect();
  const translate = useTranslate();
  if (!record || record.status !== 'open') return null;
  const remove = removeTemplateFor(String(record.queue));
  const decide = async (decision: FlagDecision) => {
    try {
      await claimAndDecide(record.id, decision);
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
