import DescriptionIcon from '@mui/icons-material/Description';
import { Typography } from '@mui/material';
import {
  BooleanField,
  DataTable,
  FunctionField,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { STATEMENT_KINDS } from '../../../contract/enums';
import { SubjectField } from '../flags/FlagList';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={enumChoices('statement_kind', STATEMENT_KINDS)} alwaysOn />,
];

/** The text in the member's language, as they received it. */
export function StatementText() {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', maxWidth: 800 }} lang={record.locale === 'en' ? 'en' : 'zh'}>
      {String(record.locale === 'en' ? record.textEn : record.textZh)}
    </Typography>
  );
}

export function StatementList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="publicId" />
        <DataTable.Col source="kind" field={() => <EnumField source="kind" enumName="statement_kind" chip />} />
        <DataTable.Col source="subjectId" disableSort field={SubjectField} />
        <DataTable.Col source="automated" disableSort field={() => <BooleanField source="automated" />} />
        <DataTable.Col source="locale" disableSort />
      </DataTable>
    </List>
  );
}

export function StatementShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="publicId" />
        <EnumField source="kind" enumName="statement_kind" chip />
        <FunctionField source="locale" render={() => <StatementText />} />
        <TextField source="textEn" />
        <TextField source="textZh" />
        <BooleanField source="automated" />
        <FunctionField
          source="facts"
          render={(r: { facts?: Array<{ name: string; value: string }> }) =>
            (r.facts ?? []).map((f) => `${f.name} = ${f.value}`).join('; ') || '–'
          }
        />
        <ReferenceField source="decisionId" reference="decisions" link="show" emptyText="–" />
        <ReferenceField source="appealOfStatementId" reference="statements" link="show" emptyText="–" />
        <ReferenceField source="accountId" reference="accounts" link="show" emptyText="–" />
        <LocaleDateField source="createdAt" />
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: StatementList, show: StatementShow, icon: DescriptionIcon, recordRepresentation: 'publicId' };
