import { DataTable, List, NumberField, ReferenceField, SearchInput, SelectInput, useRecordContext } from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { FLAG_SOURCES, FLAG_STATUSES, QUEUES } from '../common/enums';

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

export function FlagList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: 'open' }} sort={{ field: 'priority', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show">
        <DataTable.Col source="priority" field={NumberField} />
        <DataTable.Col source="queue" field={() => <EnumField source="queue" enumName="queue" chip />} />
        <DataTable.Col source="subjectType" disableSort field={() => <EnumField source="subjectType" enumName="subject_type" />} />
        <DataTable.Col source="subjectId" disableSort field={SubjectField} />
        <DataTable.Col source="reason" disableSort />
        <DataTable.Col source="source" disableSort field={() => <EnumField source="source" enumName="flag_source" />} />
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="status" field={() => <EnumField source="status" enumName="flag_status" />} />
      </DataTable>
    </List>
  );
}
