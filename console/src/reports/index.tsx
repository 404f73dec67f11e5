import ReportIcon from '@mui/icons-material/Report';
import {
  DataTable,
  Labeled,
  List,
  NumberField,
  ReferenceField,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { REPORT_OUTCOMES, REPORT_REASONS, SUBJECT_TYPES } from '../../../contract/enums';
import { SubjectField } from '../flags/FlagList';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="outcome" source="outcome" choices={enumChoices('report_outcome', REPORT_OUTCOMES)} alwaysOn />,
  <SelectInput key="reason" source="reason" choices={enumChoices('report_reason', REPORT_REASONS)} />,
  <SelectInput key="subjectType" source="subjectType" choices={enumChoices('subject_type', SUBJECT_TYPES)} />,
];

export function ReportList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'receivedAt', order: 'DESC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="receivedAt" field={LocaleDateField} />
        <DataTable.Col source="reason" field={() => <EnumField source="reason" enumName="report_reason" chip />} />
        <DataTable.Col source="subjectType" disableSort field={() => <EnumField source="subjectType" enumName="subject_type" />} />
        <DataTable.Col source="subjectId" disableSort field={SubjectField} />
        <DataTable.Col source="reporterId" disableSort field={() => <ReferenceField source="reporterId" reference="accounts" />} />
        <DataTable.Col source="weight" field={() => <NumberField source="weight" options={{ maximumFractionDigits: 2 }} />} />
        <DataTable.Col source="outcome" field={() => <EnumField source="outcome" enumName="report_outcome" chip />} />
        <DataTable.Col source="flagId" disableSort field={() => <ReferenceField source="flagId" reference="flags" />} />
      </DataTable>
    </List>
  );
}

export function ReportShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <EnumField source="reason" enumName="report_reason" chip />
        <TextField source="text" emptyText="–" />
        <EnumField source="subjectType" enumName="subject_type" />
        <Labeled source="subjectId">
          <SubjectField />
        </Labeled>
        <ReferenceField source="reporterId" reference="accounts" />
        <NumberField source="weight" options={{ maximumFractionDigits: 2 }} />
        <EnumField source="outcome" enumName="report_outcome" chip />
        <ReferenceField source="flagId" reference="flags" />
        <ReferenceField source="decisionId" reference="decisions" emptyText="–" />
        <TextField source="source" />
        <TextField source="externalId" />
        <LocaleDateField source="reportedAt" />
        <LocaleDateField source="receivedAt" />
        <LocaleDateField source="resolvedAt" emptyText="–" />
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: ReportList, show: ReportShow, icon: ReportIcon };
