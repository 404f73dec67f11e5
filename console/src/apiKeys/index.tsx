import { useState } from 'react';
import KeyIcon from '@mui/icons-material/Key';
import { Box } from '@mui/material';
import { Create, DataTable, DeleteButton, List, regex, required, SimpleForm, TextInput, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { LocaleDateField, StaffField } from '../common/fields';
import { csvExporter } from '../common/exporter';
import { OneTimeSecret } from '../common/OneTimeSecret';

function RevokeButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record || record.revokedAt) return <span>{record?.revokedAt ? translate('app.revoked') : null}</span>;
  // DELETE revokes on the server; the key row stays for the audit trail.
  return <DeleteButton label="app.revoke" mutationMode="pessimistic" redirect={false} />;
}

export function ApiKeyList() {
  return (
    <List exporter={csvExporter} sort={{ field: 'id', order: 'DESC' }}>
      <DataTable bulkActionButtons={false}>
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
      {created && <OneTimeSecret title={translate('app.api_key_created')} secret={created} testId="new-api-key" onDismiss={() => setCreated(null)} />}
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
          <TextInput source="source" validate={[required(), regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/)]} />
        </SimpleForm>
      </Create>
    </Box>
  );
}

export default { list: ApiKeyList, create: ApiKeyCreate, icon: KeyIcon, recordRepresentation: 'name' };
