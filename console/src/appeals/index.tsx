import { useState } from 'react';
import BalanceIcon from '@mui/icons-material/Balance';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField as MuiTextField } from '@mui/material';
import {
  DataTable,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { EnumField, LocaleDateField, StaffField, enumChoices } from '../common/fields';
import { APPEAL_STATUSES } from '../../../contract/enums';
import { httpClient } from '../dataProvider';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('appeal_status', APPEAL_STATUSES)} alwaysOn />,
];

/** Uphold or reject, with the note the member's new statement will carry. */
function ReviewButtons() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [outcome, setOutcome] = useState<'upheld' | 'rejected' | null>(null);
  const [note, setNote] = useState('');
  if (!record || record.status !== 'open') return null;
  const submit = async () => {
    try {
      await httpClient(`/api/appeals/${record.id}/decide`, { method: 'POST', body: JSON.stringify({ outcome, note }) });
      notify('app.appeals_review.decided', { type: 'success' });
      setOutcome(null);
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Stack direction="row" spacing={1}>
        <Button variant="outlined" color="warning" onClick={() => setOutcome('upheld')}>
          {translate('app.appeals_review.uphold')}
        </Button>
        <Button variant="outlined" onClick={() => setOutcome('rejected')}>
          {translate('app.appeals_review.reject')}
        </Button>
      </Stack>
      <Dialog open={outcome !== null} onClose={() => setOutcome(null)} aria-labelledby="appeal-review-title">
        <DialogTitle id="appeal-review-title">{translate('app.appeals_review.title')}</DialogTitle>
        <DialogContent>
          <MuiTextField
            autoFocus
            label={translate('app.appeals_review.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            fullWidth
            multiline
            minRows={2}
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOutcome(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={note.trim().length < 3} onClick={submit}>
            {translate(outcome === 'upheld' ? 'app.appeals_review.uphold' : 'app.appeals_review.reject')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function AppealList() {
  return (
    <List exporter={csvExporter} filters={filters} filterDefaultValues={{ status: 'open' }} sort={{ field: 'createdAt', order: 'ASC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="statementId" disableSort field={() => <ReferenceField source="statementId" reference="statements" />} />
        <DataTable.Col source="text" disableSort />
        <DataTable.Col source="status" field={() => <EnumField source="status" enumName="appeal_status" chip />} />
      </DataTable>
    </List>
  );
}

export function AppealShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReviewButtons />
        <EnumField source="status" enumName="appeal_status" chip />
        <TextField source="text" emptyText="–" />
        <ReferenceField source="statementId" reference="statements" link="show" />
        <ReferenceField source="outcomeStatementId" reference="statements" link="show" emptyText="–" />
        <StaffField source="decidedBy" />
        <TextField source="decisionNote" emptyText="–" />
        <TextField source="externalId" />
        <LocaleDateField source="createdAt" />
        <LocaleDateField source="decidedAt" emptyText="–" />
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: AppealList, show: AppealShow, icon: BalanceIcon };
