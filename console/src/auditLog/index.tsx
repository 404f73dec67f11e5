import HistoryIcon from '@mui/icons-material/History';
import {
  DataTable,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EnumField, LocaleDateField, StaffField } from '../common/fields';
import { csvExporter } from '../common/exporter';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../../../rules/audit/auditActions';

// Actions and subject types are the contract's codes; their names come from the catalogue (enums.audit_action / audit_subject).
const actionChoices = AUDIT_ACTIONS.map((id) => ({ id, name: `enums.audit_action.${id}` }));
const subjectChoices = AUDIT_SUBJECT_TYPES.map((id) => ({ id, name: `enums.audit_subject.${id}` }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="action" source="action" choices={actionChoices} />,
  <SelectInput key="subjectType" source="subjectType" choices={subjectChoices} />,
];

/** The action in the reader's language, with its code beside it for whoever greps the logs. */
function ActionField(_props: { source?: string; label?: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.action) return null;
  const action = String(record.action);
  return <span title={action}>{translate(`enums.audit_action.${action}`, { _: action })}</span>;
}

const SubjectTypeField = () => <EnumField source="subjectType" enumName="audit_subject" />;

export function AuditList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="at" field={LocaleDateField} />
        <DataTable.Col source="action" field={ActionField} />
        <DataTable.Col source="actorStaffId" disableSort field={() => <StaffField source="actorStaffId" />} />
        <DataTable.Col source="subjectType" disableSort field={SubjectTypeField} />
        <DataTable.Col source="subjectId" disableSort />
      </DataTable>
    </List>
  );
}

export function AuditShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <LocaleDateField source="at" />
        <ActionField source="action" />
        <EnumField source="actorKind" enumName="actor_kind" />
        <StaffField source="actorStaffId" />
        <FunctionField source="subjectType" render={() => <SubjectTypeField />} />
        <TextField source="subjectId" emptyText="–" />
        <FunctionField
          source="detail"
          render={(r: { detail?: unknown }) => <pre style={{ margin: 0 }}>{JSON.stringify(r.detail ?? null, null, 2)}</pre>}
        />
        <TextField source="requestId" emptyText="–" />
        <TextField source="prevHash" />
        <TextField source="hash" />
      </SimpleShowLayout>
    </Show>
  );
}

export default {
  list: AuditList,
  show: AuditShow,
  icon: HistoryIcon,
  recordRepresentation: (r: { id: number; action: string }) => `#${r.id} ${r.action}`,
};
