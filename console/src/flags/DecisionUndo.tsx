import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Snackbar } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';

/** A decision made but not yet sent: sent when its time runs out or the next decision is made, dropped on Undo. */
export interface PendingDecision {
  message: string;
  messageArgs?: Record<string, unknown>;
  commit(): Promise<void>;
  undo(): Promise<void>;
}

const UNDO_MS = 5000;
const Ctx = createContext<{ push(p: PendingDecision): void; flush(): void } | null>(null);

/**
 * Holds at most one pending decision. A moderator working fast decides again before the undo
 * window closes: the earlier decision is then sent at once, so Undo always means the last one.
 */
export function DecisionUndoProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<PendingDecision | null>(null);
  const ref = useRef<PendingDecision | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const notify = useNotify();
  const translate = useTranslate();

  const settle = useCallback(
    (undo: boolean) => {
      const p = ref.current;
      ref.current = null;
      if (timer.current) clearTimeout(timer.current);
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
      timer.current = setTimeout(() => settle(false), UNDO_MS);
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
