import { PostEvidence } from '../evidence/PostEvidence';
import {
  BooleanField,
  DataTable,
  Labeled,
  NumberField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { OrderRows } from '../transactions/OrderRows';
import { FlagReasonField } from '../common/serverText';
import { EnumField, LocaleDateField } from '../common/fields';

function PostEvidenceForRecord() {
  const record = useRecordContext();
  return record ? <PostEvidence postId={Number(record.id)} /> : null;
}

export function PostShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="title" />
        <Labeled source="body">
          <PostEvidenceForRecord />
        </Labeled>
        <ReferenceField source="authorId" reference="accounts" link="show" />
        <EnumField source="kind" enumName="post_kind" chip />
        <ReferenceField source="threadId" reference="posts" link="show" emptyText="–" />
        <TextField source="board" />
        <LocaleDateField source="postedAt" />
        <EnumField source="status" enumName="post_status" chip />
        <NumberField source="reach" />
        <NumberField source="rating" emptyText="–" />
        <BooleanField source="platformLabel" />

        <Labeled label={translate('app.related.flags')}>
          <ReferenceManyField
            reference="flags"
            target="subjectId"
            filter={{ subjectType: 'post' }}
            sort={{ field: 'createdAt', order: 'DESC' }}
          >
            <DataTable rowClick="show" bulkActionButtons={false}>
              <DataTable.Col source="queue" field={() => <EnumField source="queue" enumName="queue" />} />
              <DataTable.Col source="reason" field={FlagReasonField} />
              <DataTable.Col source="status" field={() => <EnumField source="status" enumName="flag_status" />} />
              <DataTable.Col source="createdAt" field={LocaleDateField} />
            </DataTable>
          </ReferenceManyField>
        </Labeled>
        <Labeled label={translate('app.related.referred_orders')}>
          <ReferenceManyField reference="transactions" target="referralPostId" sort={{ field: 'orderedAt', order: 'DESC' }}>
            <OrderRows />
          </ReferenceManyField>
        </Labeled>
        <Labeled label={translate('app.related.replies')}>
          <ReferenceManyField reference="posts" target="threadId" sort={{ field: 'postedAt', order: 'ASC' }} perPage={50}>
            <DataTable rowClick="show" bulkActionButtons={false}>
              <DataTable.Col source="postedAt" field={LocaleDateField} />
              <DataTable.Col source="authorId" field={() => <ReferenceField source="authorId" reference="accounts" link={false} />} />
              <DataTable.Col source="body" />
            </DataTable>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
