import { Typography } from '@mui/material';
import { DataTable, List, NumberField, ReferenceField, SearchInput, SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { useTriageKeys } from './useTriageKeys';
import { KeyboardHelp } from './KeyboardHelp';
import { BulkDecideButtons } from './BulkDecideButtons';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { FLAG_SOURCES, FLAG_STATUSES, QUEUES } from '../common/enums';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="queue" source="queue" choices={enumChoices('queue', QUEUES)} alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('flag_status', FLAG_STATUSES)} alwaysOn />,
  <SelectInput key="source" source="source" choices={enumChoices('flag_source', FLAG_SOURCES)} />,
];

/** The flagged item, linked to its own page whatever its type. */
export function SubjectField() {
  const record = useRecordContext();
  if (!record) return null;
  const reference = record.subjectType === 'post' ? 'posts' : record.subjectType === 'transaction' ? 'transactions' : 'accounts';
  return <ReferenceField source="subjectId" reference={reference} link="show" />;
}

/** The queue, worked from the keyboard (see useTriageKeys). */
function TriageTable() {
  const translate = useTranslate();
  const { selectedId, pending, helpOpen, closeHelp } = useTriageKeys();
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1 }}>
        {translate('app.triage.hint')}
      </Typography>
      <KeyboardHelp open={helpOpen} onClose={closeHelp} />
      <DataTable
        rowClick="show"
        bulkActionButtons={<BulkDecideButtons />}
        rowSx={(record) => (record.id === selectedId ? { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: '-2px', bgcolor: 'action.selected' } : pending.has(record.id) ? { opacity: 0.4 } : {})}
      >
        <DataTable.Col source="priority" field={NumberField} />
        <DataTable.Col source="queue" field={() => <EnumField source="queue" enumName="queue" chip />} />
        <DataTable.Col source="subjectType" disableSort field={() => <EnumField source="subjectType" enumName="subject_type" />} />
        <DataTable.Col source="subjectId" disableSort field={SubjectField} />
        <DataTable.Col source="reason" disableSort />
        <DataTable.Col source="source" disableSort field={() => <EnumField source="source" enumName="flag_source" />} />
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="status" field={() => <EnumField source="status" enumName="flag_status" />} />
      </DataTable>
    </>
  );
}

export function FlagList() {
  return (
    <List exporter={csvExporter} filters={filters} filterDefaultValues={{ status: 'open' }} sort={{ field: 'priority', order: 'DESC' }} perPage={25}>
      <TriageTable />
    </List>
  );
}
