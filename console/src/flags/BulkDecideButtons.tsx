import { Button } from '@mui/material';
import { useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { httpClient } from '../dataProvider';
import { APPROVE_TEMPLATE, REMOVE_TEMPLATE } from './reasonTemplates';

/** Decides every selected flag with its queue's template; items another moderator holds are skipped and counted. */
export function BulkDecideButtons() {
  const { selectedIds, data } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('flags');
  const translate = useTranslate();
  const run = async (kind: 'approve' | 'remove') => {
    let done = 0;
    let skipped = 0;
    for (const id of selectedIds) {
      const record = (data ?? []).find((r) => r.id === id);
      if (!record) continue;
      const decision = kind === 'approve' ? APPROVE_TEMPLATE : (REMOVE_TEMPLATE[record.queue] ?? { action: 'remove', reasonCode: String(record.queue) });
      try {
        await httpClient(`/api/flags/${id}/claim`, { method: 'POST', body: '{}' });
        await httpClient(`/api/flags/${id}/decide`, { method: 'POST', body: JSON.stringify(decision) });
        done++;
      } catch {
        skipped++;
      }
    }
    notify('app.triage.bulk_done', { type: skipped ? 'warning' : 'success', messageArgs: { done, skipped } });
    unselectAll();
    refresh();
  };
  return (
    <>
      <Button size="small" color="success" onClick={() => run('approve')}>
        {translate('app.triage.bulk_approve')}
      </Button>
      <Button size="small" color="error" onClick={() => run('remove')}>
        {translate('app.triage.bulk_remove')}
      </Button>
    </>
  );
}
