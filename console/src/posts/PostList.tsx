import { BooleanInput, DataTable, List, NumberField, ReferenceField, SearchInput, SelectInput, TextInput } from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { POST_KINDS, POST_STATUSES } from '../../../contract/enums';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={enumChoices('post_kind', POST_KINDS)} />,
  <SelectInput key="status" source="status" choices={enumChoices('post_status', POST_STATUSES)} />,
  <TextInput key="board" source="board" />,
  <BooleanInput key="platformLabel" source="platformLabel" />,
];

export function PostList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'postedAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show">
        <DataTable.Col source="id" />
        <DataTable.Col source="postedAt" field={LocaleDateField} />
        <DataTable.Col source="kind" field={() => <EnumField source="kind" enumName="post_kind" />} />
        <DataTable.Col source="board" />
        <DataTable.Col source="authorId" disableSort field={() => <ReferenceField source="authorId" reference="accounts" link="show" />} />
        <DataTable.Col
          source="body"
          disableSort
          cellSx={() => ({ maxWidth: 480, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' })}
        />
        <DataTable.Col source="reach" field={NumberField} />
        <DataTable.Col source="status" field={() => <EnumField source="status" enumName="post_status" chip />} />
      </DataTable>
    </List>
  );
}
