import { useState } from 'react';
import { Button } from '@mui/material';
import { useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { APPROVE_TEMPLATE, removeTemplateFor } from './reasonTemplates';
import { claimAndDecide } from './flagWork';

/** Decides every selected flag with its queue's template; items another moderator holds are skipped and counted. */
export function BulkDecideButtons() {
  const { selectedIds, data } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('flags');
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const run = async (kind: 'approve' | 'remove') => {
    setBusy(true);
    let done = 0;
    let skipped = 0;
    for (const id of selectedIds) {
      // A selection kept from another page has no record here to pick the queue's template from.
      const record = (data ?? []).find((r) => r.id === id);
      if (!record) {
        skipped++;
        continue;
      }
      const decision = kind === 'approve' ? APPROVE_TEMPLATE : removeTemplateFor(String(record.queue));
      try {
        await claimAndDecide(id, decision);
        done++;
      } catch {
        skipped++;
      }
    }
    setBusy(false);
    notify('app.triage.bulk_done', { type: skipped ? 'warning' : 'success', messageArgs: { done, skipped } });
    unselectAll();
    refresh();
  };
  return (
    <>
      <Button size="small" color="success" disabled={busy} onClick={() => run('approve')}>
        {translate('app.triage.bulk_approve')}
      </Button>
      <Button size="small" color="error" disabled={busy} onClick={() => run('remove')}>
        {translate('app.triage.bulk_remove')}
      </Button>
    </>
  );
}
