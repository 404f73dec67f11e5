import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Snackbar } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { UNDO_MS, UNDO_TICK_MS, shownAfterTick } from './undoWindow';

/** A decision made but not yet sent: sent when its Undo offer has been shown long enough or the next decision is made, dropped on Undo. */
export interface PendingDecision {
  message: string;
  messageArgs?: Record<string, unknown>;
  commit(): Promise<void>;
  undo(): Promise<void>;
}

const Ctx = createContext<{ push(p: PendingDecision): void; flush(): void } | null>(null);

/**
 * Holds at most one pending decision. A moderator working fast decides again before the undo
 * window closes: the earlier decision is then sent at once, so Undo always means the last one.
 */
export function DecisionUndoProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<PendingDecision | null>(null);
  const ref = useRef<PendingDecision | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const notify = useNotify();
  const translate = useTranslate();

  const settle = useCallback(
    (undo: boolean) => {
      const p = ref.current;
      ref.current = null;
      if (timer.current) clearInterval(timer.current);
      timer.current = null;
      setCurrent(null);
      if (!p) return;
      (undo ? p.undo() : p.commit()).catch((err: Error) => notify(err.message, { type: 'error' }));
    },
    [notify],
  );

  const push = useCallback(
    (p: PendingDecision) => {
      settle(false);
      ref.current = p;
      setCurrent(p);
      // Counted from when the offer can be seen: a page busy rendering the next item does not eat it (see undoWindow).
      let shown = 0;
      let last = performance.now();
      timer.current = setInterval(() => {
        const now = performance.now();
        shown = shownAfterTick(shown, now - last, document.hidden);
        last = now;
        if (shown >= UNDO_MS) settle(false);
      }, UNDO_TICK_MS);
    },
    [settle],
  );

  useEffect(() => {
    // Leaving the console with a decision pending would lose it: the browser asks first.
    const beforeunload = (e: BeforeUnloadEvent) => {
      if (ref.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeunload);
    return () => window.removeEventListener('beforeunload', beforeunload);
  }, []);

  return (
    <Ctx.Provider value={{ push, flush: () => settle(false) }}>
      {children}
      <Snackbar
        open={!!current}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        message={current ? translate(current.message, current.messageArgs) : ''}
        action={
          <Button color="inherit" size="small" onClick={() => settle(true)}>
            {translate('ra.action.undo')}
          </Button>
        }
      />
    </Ctx.Provider>
  );
}

export function useDecisionUndo() {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useDecisionUndo needs DecisionUndoProvider');
  return ctx;
}
