import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { APPROVE_TEMPLATE, removeTemplateFor } from './reasonTemplates';
import { claimFlag, decideFlag, releaseFlag } from './flagWork';
import { useDecisionUndo } from './DecisionUndo';

/**
 * Decides every selected flag with its queue's template, after a confirmation. Each item is
 * claimed first (ones another moderator holds, or in a queue the role does not work, are
 * skipped and counted); the decisions are sent when the undo time runs out, and Undo releases
 * the claims instead.
 */
export function BulkDecideButtons({ queues }: { queues: readonly string[] }) {
  const { selectedIds, data } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('flags');
  const translate = useTranslate();
  const undo = useDecisionUndo();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<'approve' | 'remove' | null>(null);
  const records = selectedIds.map((id) => (data ?? []).find((r) => r.id === id));
  const decisionFor = (kind: 'approve' | 'remove', queue: string) => (kind === 'approve' ? APPROVE_TEMPLATE : removeTemplateFor(queue));
  const actions = (kind: 'approve' | 'remove') =>
    [...new Set(records.filter(Boolean).map((r) => translate(`enums.decision_action.${decisionFor(kind, String(r!.queue)).action}`)))].join(
      ', ',
    );

  const run = async (kind: 'approve' | 'remove') => {
    setAsking(null);
    setBusy(true);
    const claimed: Array<{ id: number; queue: string }> = [];
    let skipped = 0;
    for (const r of records) {
      // A selection kept from another page has no record here to pick the queue's template from.
      if (!r || !queues.includes(String(r.queue))) {
        skipped++;
        continue;
      }
      try {
        await claimFlag(r.id);
        claimed.push({ id: Number(r.id), queue: String(r.queue) });
      } catch {
        skipped++;
      }
    }
    setBusy(false);
    unselectAll();
    undo.push({
      message: 'app.triage.bulk_pending',
      messageArgs: { done: claimed.length, skipped },
      commit: async () => {
        let failed = 0;
        for (const c of claimed) {
          try {
            await decideFlag(c.id, decisionFor(kind, c.queue));
          } catch {
            failed++;
            await releaseFlag(c.id).catch(() => undefined);
          }
        }
        notify('app.triage.bulk_done', {
          type: failed || skipped ? 'warning' : 'success',
          messageArgs: { done: claimed.length - failed, skipped: skipped + failed },
        });
        refresh();
      },
      undo: async () => {
        for (const c of claimed) await releaseFlag(c.id).catch(() => undefined);
        notify('app.triage.bulk_undone', { type: 'info', messageArgs: { count: claimed.length } });
        refresh();
      },
    });
    refresh();
  };
  return (
    <>
      <Button size="small" color="success" disabled={busy} onClick={() => setAsking('approve')}>
        {translate('app.triage.bulk_approve')}
      </Button>
      <Button size="small" color="error" disabled={busy} onClick={() => setAsking('remove')}>
        {translate('app.triage.bulk_remove')}
      </Button>
      <Dialog open={asking !== null} onClose={() => setAsking(null)} aria-labelledby="bulk-confirm-title">
        <DialogTitle id="bulk-confirm-title">{translate('app.triage.bulk_confirm_title', { smart_count: selectedIds.length })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{asking && translate('app.triage.bulk_confirm_body', { actions: actions(asking) })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(null)}>{translate('app.triage.cancel')}</Button>
          <Button
            variant="contained"
            color={asking === 'approve' ? 'success' : 'error'}
            onClick={() => asking && void run(asking)}
            autoFocus
          >
            {translate('app.triage.bulk_confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
