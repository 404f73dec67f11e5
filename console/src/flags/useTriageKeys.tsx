import { useCallback, useEffect, useState } from 'react';
import { useCreatePath, useListContext, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { APPROVE_TEMPLATE, ESCALATE_TEMPLATE, removeTemplateFor, type FlagDecision } from './reasonTemplates';
import { claimFlag, decideFlag, releaseFlag } from './flagWork';
import { useDecisionUndo } from './DecisionUndo';
import { typingIn } from './useItemKeys';

/**
 * One keystroke per decision: j/k move, a approves, r removes (or requires disclosure, or holds,
 * as the queue's template says), e escalates, o opens the item's evidence page, ? shows the keys.
 * A decision claims the item at once, then waits out the undo time (or the next decision) before
 * it is sent; Undo releases the claim.
 */
export function useTriageKeys() {
  const { data, isPending } = useListContext();
  const [selected, setSelected] = useState(0);
  const [pending, setPending] = useState<Set<string | number>>(new Set());
  const [helpOpen, setHelpOpen] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const undo = useDecisionUndo();
  const rows = (data ?? []).filter((r) => !pending.has(r.id));

  const decide = useCallback(
    async (record: { id: string | number; queue: string }, decision: FlagDecision) => {
      try {
        await claimFlag(record.id);
      } catch (err) {
        notify((err as Error).message, { type: 'error' });
        return;
      }
      setPending((p) => new Set(p).add(record.id));
      const done = () => {
        setPending((p) => {
          const next = new Set(p);
          next.delete(record.id);
          return next;
        });
        refresh();
      };
      undo.push({
        message: 'app.triage.decided',
        messageArgs: { action: translate(`enums.decision_action.${decision.action}`), id: record.id },
        commit: async () => {
          try {
            await decideFlag(record.id, decision);
          } finally {
            done();
          }
        },
        undo: async () => {
          try {
            await releaseFlag(record.id);
          } finally {
            done();
          }
        },
      });
    },
    [undo, notify, refresh, translate],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '?') {
        setHelpOpen((o) => !o);
        return;
      }
      if (isPending || rows.length === 0) return;
      const current = rows[Math.min(selected, rows.length - 1)] as { id: string | number; queue: string } | undefined;
      switch (event.key) {
        case 'j':
          setSelected((s) => Math.min(rows.length - 1, s + 1));
          break;
        case 'k':
          setSelected((s) => Math.max(0, s - 1));
          break;
        case 'a':
          if (current) void decide(current, APPROVE_TEMPLATE);
          break;
        case 'r':
          if (current) void decide(current, removeTemplateFor(current.queue));
          break;
        case 'e':
          if (current) void decide(current, ESCALATE_TEMPLATE);
          break;
        case 'o':
          if (current) void navigate(createPath({ resource: 'flags', id: current.id, type: 'show' }));
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, isPending, decide, navigate, createPath]);

  const selectedId = rows[Math.min(selected, Math.max(0, rows.length - 1))]?.id;
  return { selectedId, pending, helpOpen, closeHelp: () => setHelpOpen(false) };
}
