import ShortTextIcon from '@mui/icons-material/ShortText';
import { Create, DataTable, Edit, List, NumberInput, SelectInput, SimpleForm, TextInput, maxValue, minValue, required } from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { QUEUES } from '../../../contract/enums';
import { csvExporter } from '../common/exporter';

const slot = [required(), minValue(1), maxValue(9)];
/** Only the fields the API takes: the rest of the record (id, dates) is not the person's to change. */
const body = (d: Record<string, unknown>) => ({ slot: d.slot, title: d.title, textEn: d.textEn, textZh: d.textZh });

function TemplateFields() {
  return (
    <>
      <NumberInput source="slot" min={1} max={9} step={1} validate={slot} />
      <TextInput source="title" validate={required()} />
      <TextInput source="textEn" multiline fullWidth minRows={3} validate={required()} />
      <TextInput source="textZh" multiline fullWidth minRows={3} validate={required()} />
    </>
  );
}

export function NoteTemplateCreate() {
  return (
    <Create redirect="list" transform={(d: Record<string, unknown>) => ({ queue: d.queue, ...body(d) })}>
      <SimpleForm>
        <SelectInput source="queue" choices={enumChoices('queue', QUEUES)} validate={required()} />
        <TemplateFields />
      </SimpleForm>
    </Create>
  );
}

export function NoteTemplateEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={body}>
      <SimpleForm>
        <SelectInput source="queue" choices={enumChoices('queue', QUEUES)} disabled />
        <TemplateFields />
      </SimpleForm>
    </Edit>
  );
}

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="queue" source="queue" choices={enumChoices('queue', QUEUES)} alwaysOn />,
];

/** Each queue's canned decision notes, in both languages; the item page offers them on `n` and their key. */
export function NoteTemplateList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'queue', order: 'ASC' }} perPage={50}>
      <DataTable rowClick="edit">
        <DataTable.Col source="queue" field={() => <EnumField source="queue" enumName="queue" chip />} />
        <DataTable.Col source="slot" />
        <DataTable.Col source="title" />
        <DataTable.Col source="textEn" disableSort />
        <DataTable.Col source="textZh" disableSort />
        <DataTable.Col source="updatedAt" field={LocaleDateField} />
      </DataTable>
    </List>
  );
}

export default {
  list: NoteTemplateList,
  create: NoteTemplateCreate,
  edit: NoteTemplateEdit,
  icon: ShortTextIcon,
  recordRepresentation: 'title',
};
