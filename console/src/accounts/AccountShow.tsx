import { DataTable, NumberField, ReferenceManyField, Show, TabbedShowLayout, TextField, useTranslate } from 'react-admin';
import { OrderRows } from '../transactions/OrderRows';
import { EnumField, LocaleDateField } from '../common/fields';

export function AccountShow() {
  const translate = useTranslate();
  return (
    <Show>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('app.related.summary')}>
          <TextField source="handle" />
          <TextField source="displayName" />
          <EnumField source="type" enumName="account_type" chip />
          <EnumField source="locale" enumName="locale" />
          <TextField source="source" />
          <TextField source="externalId" />
          <NumberField source="reputationScore" />
          <NumberField source="violationsUpheld" />
          <LocaleDateField source="joinedAt" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('app.related.posts')} path="posts">
          <ReferenceManyField reference="posts" target="authorId" sort={{ field: 'postedAt', order: 'DESC' }} perPage={25}>
            <DataTable rowClick="show" bulkActionButtons={false}>
              <DataTable.Col source="postedAt" field={LocaleDateField} />
              <DataTable.Col source="kind" field={() => <EnumField source="kind" enumName="post_kind" />} />
              <DataTable.Col source="body" disableSort />
              <DataTable.Col source="status" field={() => <EnumField source="status" enumName="post_status" />} />
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('app.related.orders')} path="orders">
          <ReferenceManyField reference="transactions" target="buyerId" sort={{ field: 'orderedAt', order: 'DESC' }} perPage={25}>
            <OrderRows />
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('app.related.partnerships')} path="partnerships">
          <ReferenceManyField reference="partnerships" target="creatorId" sort={{ field: 'startsAt', order: 'DESC' }}>
            <DataTable rowClick="show" bulkActionButtons={false}>
              <DataTable.Col source="brandId" />
              <DataTable.Col source="kind" field={() => <EnumField source="kind" enumName="partnership_kind" />} />
              <DataTable.Col source="startsAt" field={LocaleDateField} />
              <DataTable.Col source="endsAt" field={LocaleDateField} />
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
