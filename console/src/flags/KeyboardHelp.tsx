import { Dialog, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';

export type KeyHelp = ReadonlyArray<readonly [key: string, label: string]>;

/** The queue list's keys; the item page passes its own. */
export const LIST_KEYS: KeyHelp = [
  ['j', 'app.triage.keys.next'],
  ['k', 'app.triage.keys.previous'],
  ['a', 'app.triage.keys.approve'],
  ['r', 'app.triage.keys.remove'],
  ['e', 'app.triage.keys.escalate'],
  ['o', 'app.triage.keys.open'],
  ['?', 'app.triage.keys.help'],
];

/** Labels are translation keys, or already-translated text when `translated` says so. */
export function KeyboardHelp({
  open,
  onClose,
  keys = LIST_KEYS,
  translated = false,
}: {
  open: boolean;
  onClose: () => void;
  keys?: KeyHelp;
  translated?: boolean;
}) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="triage-keys-title">
      <DialogTitle id="triage-keys-title">{translate('app.triage.keys.title')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {keys.map(([key, label]) => (
              <TableRow key={key}>
                <TableCell>
                  <kbd>{key}</kbd>
                </TableCell>
                <TableCell>{translated ? label : translate(label)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
    </Dialog>
  );
}
