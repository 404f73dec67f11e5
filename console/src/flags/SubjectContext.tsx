import { Stack, Typography } from '@mui/material';
import { DataTable, Labeled, ReferenceField, ReferenceManyField, useRecordContext, useTranslate } from 'react-admin';
import { EnumField, LocaleDateField } from '../common/fields';
import { OrderRows } from '../transactions/OrderRows';

function NoneYet() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('app.related.none')}
    </Typography>
  );
}

/** Earlier decisions on one subject (the item itself, or its author's account). */
function DecisionRows({ subjectType, source }: { subjectType: 'post' | 'transaction' | 'account'; source: string }) {
  return (
    <ReferenceManyField reference="decisions" target="subjectId" source={source} filter={{ subjectType }} sort={{ field: 'createdAt', order: 'DESC' }} perPage={10}>
      <DataTable rowClick="show" bulkActionButtons={false} empty={<NoneYet />}>
        <DataTable.Col source="action" field={() => <EnumField source="action" enumName="decision_action" chip />} />
        <DataTable.Col source="reasonCode" />
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="reversedAt" field={LocaleDateField} />
      </DataTable>
    </ReferenceManyField>
  );
}

function PostContext() {
  const translate = useTranslate();
  return (
    <Stack spacing={2}>
      <Labeled label={translate('app.related.item_decisions')}>
        <DecisionRows subjectType="post" source="id" />
      </Labeled>
      <Labeled label={translate('app.related.author_decisions')}>
        <DecisionRows subjectType="account" source="authorId" />
      </Labeled>
      <Labeled label={translate('app.related.author_partnerships')}>
        <ReferenceManyField reference="partnerships" target="creatorId" source="authorId" sort={{ field: 'startsAt', order: 'DESC' }} perPage={10}>
          <DataTable rowClick="show" bulkActionButtons={false} empty={<NoneYet />}>
            <DataTable.Col source="brandId" field={() => <ReferenceField source="brandId" reference="accounts" link="show" />} />
            <DataTable.Col source="kind" field={() => <EnumField source="kind" enumName="partnership_kind" />} />
            <DataTable.Col source="startsAt" field={LocaleDateField} />
            <DataTable.Col source="endsAt" field={LocaleDateField} />
          </DataTable>
        </ReferenceManyField>
      </Labeled>
      <Labeled label={translate('app.related.referred_orders')}>
        <ReferenceManyField reference="transactions" target="referralPostId" source="id" sort={{ field: 'orderedAt', order: 'DESC' }} perPage={10} empty={<NoneYet />}>
          <OrderRows />
        </ReferenceManyField>
      </Labeled>
    </Stack>
  );
}

function TransactionContext() {
  const translate = useTranslate();
  return (
    <Stack spacing={2}>
      <Labeled label={translate('app.related.item_decisions')}>
        <DecisionRows subjectType="transaction" source="id" />
      </Labeled>
      <Labeled label={translate('app.related.buyer_decisions')}>
        <DecisionRows subjectType="account" source="buyerId" />
      </Labeled>
      <Labeled label={translate('app.related.buyer_orders')}>
        <ReferenceManyField reference="transactions" target="buyerId" source="buyerId" sort={{ field: 'orderedAt', order: 'DESC' }} perPage={10} empty={<NoneYet />}>
          <OrderRows />
        </ReferenceManyField>
      </Labeled>
    </Stack>
  );
}

/**
 * What a moderator weighs beside the evidence: what was decided before on the item and on the
 * person behind it, the brand deals that make a post commercial, the orders it brought in.
 */
export function SubjectContext() {
  const translate = useTranslate();
  const record = useRecordContext();
  if (!record) return null;
  if (record.subjectType === 'post')
    return (
      <ReferenceField source="subjectId" reference="posts" link={false}>
        <PostContext />
      </ReferenceField>
    );
  if (record.subjectType === 'transaction')
    return (
      <ReferenceField source="subjectId" reference="transactions" link={false}>
        <TransactionContext />
      </ReferenceField>
    );
  return (
    <Labeled label={translate('app.related.item_decisions')}>
      <DecisionRows subjectType="account" source="subjectId" />
    </Labeled>
  );
}
