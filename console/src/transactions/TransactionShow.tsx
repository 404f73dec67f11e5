import { BooleanField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { EnumField, LocaleDateField, MoneyField, ScoreField } from '../common/fields';

export function TransactionShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="externalId" />
        <LocaleDateField source="orderedAt" />
        <ReferenceField source="buyerId" reference="accounts" link="show" />
        <ReferenceField source="vendorId" reference="accounts" link="show" />
        <TextField source="productId" emptyText="–" />
        <MoneyField source="amountCents" />
        <EnumField source="status" enumName="transaction_status" chip />
        <ReferenceField source="referralPostId" reference="posts" link="show" emptyText="–" />
        <ReferenceField source="affiliateId" reference="accounts" link="show" emptyText="–" />
        <BooleanField source="held" />
        <ScoreField source="riskScore" />
      </SimpleShowLayout>
    </Show>
  );
}
