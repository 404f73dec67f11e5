import BadgeIcon from '@mui/icons-material/Badge';
import {
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  email,
  List,
  NullableBooleanInput,
  PasswordInput,
  required,
  SearchInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  minLength,
  useGetIdentity,
  type RaRecord,
} from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { STAFF_ROLES } from '../../../contract/enums';
import { csvExporter } from '../common/exporter';
import { RetireButton } from '../common/RetireButton';
import { RetireToolbar } from '../common/RetireToolbar';

const roleChoices = enumChoices('role', STAFF_ROLES);
const localeChoices = enumChoices('locale', ['en', 'zh']);
// The list shows active members unless this filter asks for the deactivated ones (the API's default).
// The list keeps its filters when nothing is left (empty={false}): the "none yet" page would hide this one.
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput
    key="active"
    source="active"
    label="app.retire.staff.filter"
    trueLabel="app.retire.staff.active"
    falseLabel="app.retire.staff.retired"
    alwaysOn
  />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
];
const deactivated = (r: RaRecord) => r.active === false;
/** Not on one's own row or page: the API refuses self-deactivation (another admin must do it). */
function useNotDeactivatable() {
  const { identity } = useGetIdentity();
  return (r: RaRecord) => deactivated(r) || (identity != null && String(identity.id) === String(r.id));
}
// A named component, not an inline one: a list re-render must not remount the button and close its dialog.
function DeactivateButton() {
  return <RetireButton retired={useNotDeactivatable()} />;
}
function StaffEditToolbar() {
  return <RetireToolbar retired={useNotDeactivatable()} />;
}

export function StaffList() {
  return (
    <List empty={false} exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'ASC' }}>
      {/* No bulk delete: each deactivation is its own audited change. */}
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="email" />
        <DataTable.Col source="role" field={() => <EnumField source="role" enumName="role" chip />} />
        <DataTable.Col source="active" disableSort field={BooleanField} />
        <DataTable.Col source="lastLoginAt" field={LocaleDateField} />
        <DataTable.Col label="" disableSort field={DeactivateButton} />
      </DataTable>
    </List>
  );
}

export function StaffShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="displayName" />
        <TextField source="email" />
        <EnumField source="role" enumName="role" chip />
        <BooleanField source="active" />
        <LocaleDateField source="createdAt" />
        <LocaleDateField source="lastLoginAt" emptyText="–" />
      </SimpleShowLayout>
    </Show>
  );
}

/** Pessimistic: a role change ends that person's sessions, so it should not look done before it is. */
export function StaffEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm toolbar={<StaffEditToolbar />}>
        <TextInput source="email" disabled />
        <TextInput source="displayName" validate={required()} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <SelectInput source="locale" choices={localeChoices} />
        <BooleanInput source="active" />
        <PasswordInput source="password" validate={minLength(12)} />
      </SimpleForm>
    </Edit>
  );
}

export function StaffCreate() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <TextInput source="email" validate={[required(), email()]} />
        <TextInput source="displayName" validate={required()} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <SelectInput source="locale" choices={localeChoices} defaultValue="en" />
        <PasswordInput source="password" validate={[required(), minLength(12)]} />
      </SimpleForm>
    </Create>
  );
}

export default {
  list: StaffList,
  show: StaffShow,
  edit: StaffEdit,
  create: StaffCreate,
  icon: BadgeIcon,
  recordRepresentation: 'displayName',
};
