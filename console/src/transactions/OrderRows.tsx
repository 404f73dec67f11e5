import { DataTable } from 'react-admin';
import { EnumField, LocaleDateField, MoneyField } from '../common/fields';

/** Orders as rows inside another record's page (an account's purchases, a post's referrals). */
export function OrderRows() {
  return (
    <DataTable rowClick="show" bulkActionButtons={false} resource="transactions">
      <DataTable.Col source="orderedAt" field={LocaleDateField} />
      <DataTable.Col source="amountCents" field={() => <MoneyField source="amountCents" />} />
      <DataTable.Col source="status" field={() => <EnumField source="status" enumName="transaction_status" />} />
    </DataTable>
  );
}
