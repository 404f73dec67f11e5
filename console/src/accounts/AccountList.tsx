import { DataTable, List, NumberField, SearchInput, SelectInput } from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { ACCOUNT_TYPES } from '../../../contract/enums';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="type" source="type" choices={enumChoices('account_type', ACCOUNT_TYPES)} />,
];

export function AccountList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'ASC' }} perPage={25}>
      <DataTable rowClick="show">
        <DataTable.Col source="id" />
        <DataTable.Col source="handle" />
        <DataTable.Col source="displayName" disableSort />
        <DataTable.Col source="type" field={() => <EnumField source="type" enumName="account_type" chip />} />
        <DataTable.Col source="locale" disableSort field={() => <EnumField source="locale" enumName="locale" />} />
        <DataTable.Col source="reputationScore" field={NumberField} />
        <DataTable.Col source="violationsUpheld" field={NumberField} />
        <DataTable.Col source="joinedAt" field={LocaleDateField} />
      </DataTable>
    </List>
  );
}
