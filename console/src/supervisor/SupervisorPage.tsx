import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Loading, Title, useGetList, useNotify, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../authProvider';
import { httpClient } from '../dataProvider';
import { mayWorkQueue } from '../../../contract/access';
import { useDateText, useDuration } from '../common/time';

type HeldItem = {
  id: number;
  queue: string;
  priority: number;
  subjectType: string;
  subjectId: number;
  reason: string;
  claimedBy: number;
  claimedByName: string;
  claimedAt: string | null;
  claimedUntil: string;
};

const fetchHeld = async () => (await httpClient('/api/supervisor/claims')).json as HeldItem[];

/** Who may take over an item: an active staff member whose role works its queue (the API checks the same). */
function ReassignDialog({ item, onClose, onDone }: { item: HeldItem; onClose(): void; onDone(name: string): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const { data: staff = [] } = useGetList('staff', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'displayName', order: 'ASC' },
    filter: { active: true },
  });
  const candidates = staff.filter((s) => s.id !== item.claimedBy && mayWorkQueue(s.role, item.queue));
  const [to, setTo] = useState<string>('');
  const labelId = `reassign-title-${item.id}`;
  const submit = async () => {
    try {
      await httpClient(`/api/supervisor/claims/${item.id}/reassign`, { method: 'POST', body: JSON.stringify({ staffId: Number(to) }) });
      onDone(String(staff.find((s) => String(s.id) === to)?.displayName ?? to));
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={labelId}>
      <DialogTitle id={labelId}>{translate('app.supervisor.reassign_to', { id: item.id })}</DialogTitle>
      <DialogContent>
        <TextField
          select
          fullWidth
          sx={{ mt: 1, minWidth: 280 }}
          label={translate('app.supervisor.holder')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          slotProps={{ select: { inputProps: { 'data-testid': 'reassign-select' } } }}
        >
          {candidates.map((s) => (
            <MenuItem key={s.id} value={String(s.id)}>
              {s.displayName} · {translate(`enums.role.${s.role}`)}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('app.supervisor.cancel')}</Button>
        <Button variant="contained" disabled={!to} onClick={() => void submit()}>
          {translate('app.supervisor.reassign')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The supervisor's view: who holds which item and since when, with release and reassign (admins). */
export function SupervisorPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const duration = useDuration();
  const dateText = useDateText();
  const { permissions } = usePermissions<Permissions>();
  const allowed = !!permissions?.supervise;
  const { data, isPending, refetch } = useQuery({
    queryKey: ['supervisor', 'claims'],
    queryFn: fetchHeld,
    enabled: allowed,
    refetchInterval: 15_000,
  });
  const [reassigning, setReassigning] = useState<HeldItem | null>(null);

  const refresh = () => {
    void refetch();
    void queryClient.invalidateQueries({ queryKey: ['menu'] });
  };
  const release = async (item: HeldItem) => {
    try {
      await httpClient(`/api/supervisor/claims/${item.id}/release`, { method: 'POST', body: '{}' });
      notify('app.supervisor.released', { type: 'info', messageArgs: { id: item.id } });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
    refresh();
  };

  if (!permissions) return <Loading />;
  if (!allowed) return <Alert severity="warning">{translate('ra.page.access_denied', { _: 'Forbidden' })}</Alert>;
  return (
    <Card sx={{ mt: 1 }}>
      <Title title={translate('app.supervisor.title')} />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('app.supervisor.intro')}
        </Typography>
        {isPending ? (
          <Loading />
        ) : !data?.length ? (
          <Typography role="status">{translate('app.supervisor.none')}</Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={translate('app.supervisor.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('app.supervisor.item')}</TableCell>
                  <TableCell>{translate('resources.flags.fields.queue')}</TableCell>
                  <TableCell>{translate('resources.flags.fields.priority')}</TableCell>
                  <TableCell>{translate('app.supervisor.holder')}</TableCell>
                  <TableCell>{translate('app.supervisor.since')}</TableCell>
                  <TableCell>{translate('app.supervisor.until')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((item) => (
                  <TableRow key={item.id} data-held={item.id}>
                    <TableCell>
                      <Link to={`/flags/${item.id}/show`}>#{item.id}</Link> ·{' '}
                      {translate(`enums.subject_type.${item.subjectType}`, { _: item.subjectType })} #{item.subjectId}
                    </TableCell>
                    <TableCell>{translate(`enums.queue.${item.queue}`, { _: item.queue })}</TableCell>
                    <TableCell>{item.priority}</TableCell>
                    <TableCell data-holder>{item.claimedByName}</TableCell>
                    <TableCell title={item.claimedAt ?? ''}>
                      {item.claimedAt ? `${dateText(item.claimedAt)} (${duration(item.claimedAt)})` : '–'}
                    </TableCell>
                    <TableCell>{dateText(item.claimedUntil)}</TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={1}>
                        <Button
                          size="small"
                          variant="outlined"
                          onClick={() => void release(item)}
                          aria-label={translate('app.supervisor.release_label', { id: item.id })}
                        >
                          {translate('app.supervisor.release')}
                        </Button>
                        <Button
                          size="small"
                          variant="outlined"
                          onClick={() => setReassigning(item)}
                          aria-label={translate('app.supervisor.reassign_label', { id: item.id })}
                        >
                          {translate('app.supervisor.reassign')}
                        </Button>
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
      {reassigning && (
        <ReassignDialog
          item={reassigning}
          onClose={() => setReassigning(null)}
          onDone={(name) => {
            notify('app.supervisor.reassigned', { type: 'info', messageArgs: { id: reassigning.id, name } });
            setReassigning(null);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
