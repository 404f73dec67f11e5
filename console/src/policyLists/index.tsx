import ListAltIcon from '@mui/icons-material/ListAlt';
import { DataTable, Edit, FunctionField, List, SimpleForm, TextInput } from 'react-admin';
import { LocaleDateField } from '../common/fields';
import { csvExporter } from '../common/exporter';

/** Entries are edited one per line; the server trims them and drops repeats, and audits what changed. */
export function PolicyListEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={(data: Record<string, unknown>) => ({ description: data.description, items: data.items })}>
      <SimpleForm>
        <TextInput source="name" disabled />
        <TextInput source="description" multiline fullWidth />
        <TextInput
          source="items"
          multiline
          fullWidth
          minRows={8}
          format={(v: string[] | string | undefined) => (Array.isArray(v) ? v.join('\n') : (v ?? ''))}
          parse={(s: string) => s.split('\n')}
        />
      </SimpleForm>
    </Edit>
  );
}

export function PolicyListList() {
  return (
    <List exporter={csvExporter} sort={{ field: 'name', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="description" disableSort />
        <DataTable.Col source="items" disableSort field={() => <FunctionField render={(r: { items: string[] }) => r.items.length} />} />
        <DataTable.Col source="updatedAt" field={LocaleDateField} />
      </DataTable>
    </List>
  );
}

export default { list: PolicyListList, edit: PolicyListEdit, icon: ListAltIcon, recordRepresentation: 'name' };
