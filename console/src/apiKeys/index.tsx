import { useState } from 'react';
import KeyIcon from '@mui/icons-material/Key';
import { Alert, Box } from '@mui/material';
import { Create, DataTable, DeleteButton, List, regex, required, SimpleForm, TextInput, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { LocaleDateField, StaffField } from '../common/fields';
import { csvExporter } from '../common/exporter';

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

/** The whole key comes back once, in the create response; it is shown here and never again. */
export function ApiKeyCreate() {
  const [created, setCreated] = useState<string | null>(null);
  const translate = useTranslate();
  return (
    <Box>
      {created && (
        <Alert severity="success" sx={{ m: 2 }}>
          {translate('app.api_key_created')} <code data-testid="new-api-key">{created}</code>
        </Alert>
      )}
      <Create redirect={false} mutationOptions={{ onSuccess: (data: RaRecord) => setCreated((data as RaRecord & { key?: string }).key ?? null) }}>
        <SimpleForm>
          <TextInput source="name" validate={required()} />
          <TextInput source="source" validate={[required(), regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/)]} />
        </SimpleForm>
      </Create>
    </Box>
  );
}

export default { list: ApiKeyList, create: ApiKeyCreate, icon: KeyIcon, recordRepresentation: 'name' };
