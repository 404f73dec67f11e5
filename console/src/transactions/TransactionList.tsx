import { BooleanInput, DataTable, List, NumberInput, ReferenceField, SearchInput, SelectInput } from 'react-admin';
import { EnumField, LocaleDateField, MoneyField, enumChoices } from '../common/fields';
import { TRANSACTION_STATUSES } from '../../../contract/enums';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('transaction_status', TRANSACTION_STATUSES)} />,
  <BooleanInput key="held" source="held" />,
  <NumberInput key="amountCents_gte" source="amountCents_gte" label="resources.transactions.fields.amountCents" />,
];

export function TransactionList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'orderedAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show">
        <DataTable.Col source="id" />
        <DataTable.Col source="orderedAt" field={LocaleDateField} />
        <DataTable.Col source="buyerId" disableSort field={() => <ReferenceField source="buyerId" reference="accounts" link="show" />} />
        <DataTable.Col source="vendorId" disableSort field={() => <ReferenceField source="vendorId" reference="accounts" link="show" />} />
        <DataTable.Col source="amountCents" field={() => <MoneyField source="amountCents" />} />
        <DataTable.Col source="status" field={() => <EnumField source="status" enumName="transaction_status" chip />} />
        <DataTable.Col
          source="referralPostId"
          disableSort
          field={() => <ReferenceField source="referralPostId" reference="posts" link="show" emptyText="–" />}
        />
        <DataTable.Col
          source="affiliateId"
          disableSort
          field={() => <ReferenceField source="affiliateId" reference="accounts" link="show" emptyText="–" />}
        />
      </DataTable>
    </List>
  );
}
