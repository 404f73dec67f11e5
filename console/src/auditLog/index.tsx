import HistoryIcon from '@mui/icons-material/History';
import { DataTable, FunctionField, List, SearchInput, Show, SimpleShowLayout, TextField, TextInput } from 'react-admin';
import { LocaleDateField, StaffField } from '../common/fields';
import { csvExporter } from '../common/exporter';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <TextInput key="action" source="action" />, <TextInput key="subjectType" source="subjectType" />];

export function AuditList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="at" field={LocaleDateField} />
        <DataTable.Col source="action" />
        <DataTable.Col source="actorStaffId" disableSort field={() => <StaffField source="actorStaffId" />} />
        <DataTable.Col source="subjectType" disableSort />
        <DataTable.Col source="subjectId" disableSort />
      </DataTable>
    </List>
  );
}

export function AuditShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <LocaleDateField source="at" />
        <TextField source="action" />
        <TextField source="actorKind" />
        <StaffField source="actorStaffId" />
        <TextField source="subjectType" emptyText="–" />
        <TextField source="subjectId" emptyText="–" />
        <FunctionField source="detail" render={(r: { detail?: unknown }) => <pre style={{ margin: 0 }}>{JSON.stringify(r.detail ?? null, null, 2)}</pre>} />
        <TextField source="requestId" emptyText="–" />
        <TextField source="prevHash" />
        <TextField source="hash" />
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: AuditList, show: AuditShow, icon: HistoryIcon, recordRepresentation: (r: { id: number; action: string }) => `#${r.id} ${r.action}` };
