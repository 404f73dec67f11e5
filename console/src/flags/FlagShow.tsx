import { DataTable, Labeled, Link, NumberField, ReferenceField, ReferenceManyField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { PostEvidence } from '../evidence/PostEvidence';
import { DecisionButtons } from './DecisionButtons';
import { EnumField, LocaleDateField, StaffField } from '../common/fields';
import { SubjectField } from './FlagList';
import { SubjectContext } from './SubjectContext';

function SubjectEvidence() {
  const record = useRecordContext();
  return record?.subjectType === 'post' ? <PostEvidence postId={Number(record.subjectId)} /> : null;
}

/** Who reported the item and why: the member-facing half of the evidence, with each report's weight. */
function FlagReports() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.reportCount) return null;
  return (
    <Labeled label={translate('app.reports.summary', { count: record.reportCount, weight: Number(record.reportWeight ?? 0).toFixed(2) })}>
      <ReferenceManyField reference="reports" target="flagId" sort={{ field: 'receivedAt', order: 'DESC' }} perPage={20}>
        <DataTable bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="reason" field={() => <EnumField source="reason" enumName="report_reason" chip />} />
          <DataTable.Col source="text" disableSort />
          <DataTable.Col source="reporterId" disableSort field={() => <ReferenceField source="reporterId" reference="accounts" />} />
          <DataTable.Col source="weight" field={() => <NumberField source="weight" options={{ maximumFractionDigits: 2 }} />} />
          <DataTable.Col source="receivedAt" field={LocaleDateField} />
        </DataTable>
      </ReferenceManyField>
    </Labeled>
  );
}

/** A board alert's evidence: the share against the threshold and the commercial posts that pushed it over. */
function BoardAlertEvidence() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (record?.queue !== 'community') return null;
  return (
    <ReferenceManyField reference="board-alerts" target="flagId" perPage={5} label={translate('resources.board-alerts.name', { smart_count: 1 })}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="board" />
        <DataTable.Col source="share" field={() => <NumberField source="share" options={{ style: 'percent', maximumFractionDigits: 0 }} />} />
        <DataTable.Col source="threshold" field={() => <NumberField source="threshold" options={{ style: 'percent', maximumFractionDigits: 0 }} />} />
        <DataTable.Col source="windowPosts" />
        <DataTable.Col source="postIds" disableSort field={AlertPosts} />
      </DataTable>
    </ReferenceManyField>
  );
}

function AlertPosts() {
  const record = useRecordContext();
  const ids = (record?.postIds as number[] | undefined) ?? [];
  return (
    <span>
      {ids.slice(0, 20).map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Link to={`/posts/${id}/show`}>#{id}</Link>
        </span>
      ))}
      {ids.length > 20 && ` … (${ids.length})`}
    </span>
  );
}

export function FlagShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <DecisionButtons />
        <SubjectEvidence />
        <EnumField source="queue" enumName="queue" chip />
        <NumberField source="priority" />
        <EnumField source="status" enumName="flag_status" chip />
        <EnumField source="subjectType" enumName="subject_type" />
        <Labeled source="subjectId">
          <SubjectField />
        </Labeled>
        <TextField source="reason" />
        <EnumField source="source" enumName="flag_source" />
        <LocaleDateField source="createdAt" />
        <LocaleDateField source="decidedAt" emptyText="–" />
        <StaffField source="claimedBy" />
        <FlagReports />
        <BoardAlertEvidence />
        <SubjectContext />
        <Labeled label={translate('app.related.decisions')}>
          <ReferenceManyField reference="decisions" target="flagId" sort={{ field: 'createdAt', order: 'DESC' }}>
            <DataTable bulkActionButtons={false} rowClick="show">
              <DataTable.Col source="action" field={() => <EnumField source="action" enumName="decision_action" chip />} />
              <DataTable.Col source="reasonCode" />
              <DataTable.Col source="createdAt" field={LocaleDateField} />
            </DataTable>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
