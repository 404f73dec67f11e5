import { useState } from 'react';
import KeyIcon from '@mui/icons-material/Key';
import { Box } from '@mui/material';
import {
  Create,
  DataTable,
  Edit,
  List,
  NullableBooleanInput,
  regex,
  required,
  SearchInput,
  SimpleForm,
  TextInput,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { LocaleDateField, StaffField } from '../common/fields';
import { csvExporter } from '../common/exporter';
import { OneTimeSecret } from '../common/OneTimeSecret';
import { RetireButton } from '../common/RetireButton';
import { RetireToolbar } from '../common/RetireToolbar';

const revoked = (r: RaRecord) => r.revokedAt != null;

/** DELETE revokes on the server; the key row stays for the audit trail, and a revoked row says so instead. */
function RevokeButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (record && revoked(record)) return <span>{translate('app.revoked')}</span>;
  return <RetireButton retired={revoked} />;
}

// Live keys unless the filter asks for the revoked ones (the API's default).
// The list keeps its filters when nothing is left (empty={false}): the "none yet" page would hide this one.
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput
    key="revoked"
    source="revoked"
    trueLabel="app.retire.api_keys.retired"
    falseLabel="app.retire.api_keys.active"
    alwaysOn
  />,
];

export function ApiKeyList() {
  return (
    <List empty={false} exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'DESC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="name" />
        <DataTable.Col source="source" />
        <DataTable.Col source="prefix" disableSort />
        <DataTable.Col source="createdBy" disableSort field={() => <StaffField source="createdBy" />} />
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="revokedAt" field={LocaleDateField} />
        <DataTable.Col label="" disableSort field={RevokeButton} />
      </DataTable>
    </List>
  );
}

/**
 * The whole key comes back once, in the create response: it is shown here with a copy button and
 * never again, and the form clears itself so the next key starts from empty fields.
 */
export function ApiKeyCreate() {
  const [created, setCreated] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const translate = useTranslate();
  return (
    <Box>
      {created && (
        <OneTimeSecret title={translate('app.api_key_created')} secret={created} testId="new-api-key" onDismiss={() => setCreated(null)} />
      )}
      <Create
        key={formKey}
        redirect={false}
        mutationOptions={{
          onSuccess: (data: RaRecord) => {
            setCreated((data as RaRecord & { key?: string }).key ?? null);
            setFormKey((k) => k + 1);
          },
        }}
      >
        <SimpleForm>
          <TextInput source="name" validate={required()} />
          <TextInput source="source" validate={[required(), regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'validation.source_name')]} />
        </SimpleForm>
      </Create>
    </Box>
  );
}

/** Renames a key, nothing else: the platform is fixed when the key is made, and the key itself is never shown again. */
export function ApiKeyEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={(data: RaRecord) => ({ name: data.name })}>
      <SimpleForm toolbar={<RetireToolbar retired={revoked} />}>
        <TextInput source="name" validate={required()} />
        <TextInput source="source" readOnly />
        <TextInput source="prefix" readOnly />
      </SimpleForm>
    </Edit>
  );
}

export default { list: ApiKeyList, create: ApiKeyCreate, edit: ApiKeyEdit, icon: KeyIcon, recordRepresentation: 'name' };
