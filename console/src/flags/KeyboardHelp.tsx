import { Dialog, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';

const KEYS = [
  ['j', 'app.triage.keys.next'],
  ['k', 'app.triage.keys.previous'],
  ['a', 'app.triage.keys.approve'],
  ['r', 'app.triage.keys.remove'],
  ['e', 'app.triage.keys.escalate'],
  ['o', 'app.triage.keys.open'],
  ['?', 'app.triage.keys.help'],
] as const;

export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="triage-keys-title">
      <DialogTitle id="triage-keys-title">{translate('app.triage.keys.title')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {KEYS.map(([key, label]) => (
              <TableRow key={key}>
                <TableCell>
                  <kbd>{key}</kbd>
                </TableCell>
                <TableCell>{translate(label)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
    </Dialog>
  );
}
