import GavelIcon from '@mui/icons-material/Gavel';
import {
  BooleanField,
  BooleanInput,
  DataTable,
  List,
  ReferenceField,
  ReferenceManyField,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { EnumField, LocaleDateField, StaffField, enumChoices } from '../common/fields';
import { DECISION_ACTIONS } from '../../../contract/enums';
import { SubjectField } from '../flags/FlagList';
import { ReverseButton } from './ReverseButton';
import { StatementText } from '../statements';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="action" source="action" choices={enumChoices('decision_action', DECISION_ACTIONS)} />,
  <BooleanInput key="automated" source="automated" />,
];

export function DecisionList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show">
        <DataTable.Col source="id" />
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="action" field={() => <EnumField source="action" enumName="decision_action" chip />} />
        <DataTable.Col source="reasonCode" />
        <DataTable.Col source="subjectId" disableSort field={SubjectField} />
        <DataTable.Col source="staffId" disableSort field={() => <StaffField source="staffId" />} />
        <DataTable.Col source="automated" disableSort field={BooleanField} />
      </DataTable>
    </List>
  );
}

export function DecisionShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReverseButton />
        <EnumField source="action" enumName="decision_action" chip />
        <TextField source="reasonCode" />
        <TextField source="note" emptyText="–" />
        <ReferenceField source="flagId" reference="flags" link="show" emptyText="–" />
        <EnumField source="subjectType" enumName="subject_type" />
        <SubjectField />
        <StaffField source="staffId" />
        <BooleanField source="automated" />
        <LocaleDateField source="createdAt" />
        <LocaleDateField source="reversedAt" emptyText="–" />
        <ReferenceField source="reversesDecisionId" reference="decisions" link="show" emptyText="–" />
        <ReferenceManyField reference="statements" target="decisionId" label="resources.statements.name" perPage={5}>
          <DataTable bulkActionButtons={false} rowClick="show">
            <DataTable.Col source="publicId" />
            <DataTable.Col source="locale" disableSort field={StatementText} />
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: DecisionList, show: DecisionShow, icon: GavelIcon, recordRepresentation: (r: { id: number }) => `#${r.id}` };
