import { useState } from 'react';
import WebhookIcon from '@mui/icons-material/Webhook';
import { Alert, Box, Button, Chip, Stack } from '@mui/material';
import {
  BooleanField,
  BooleanInput,
  CheckboxGroupInput,
  Create,
  DataTable,
  DeleteButton,
  Edit,
  List,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  ListButton,
  regex,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { LocaleDateField } from '../common/fields';
import { httpClient } from '../dataProvider';
import { eventTypeChoices, eventTypeKey } from './eventTypes';
import { csvExporter } from '../common/exporter';

function EventTypesField() {
  const record = useRecordContext();
  const translate = useTranslate();
  const types = (record?.eventTypes as string[] | undefined) ?? [];
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: "wrap" }}>
      {types.map((t) => (
        <Chip key={t} size="small" label={translate(eventTypeKey(t))} />
      ))}
    </Stack>
  );
}

/** The secret comes back once, when made or rotated; it is shown here and never again. */
function SecretAlert({ secret }: { secret: string | null }) {
  const translate = useTranslate();
  if (!secret) return null;
  return (
    <Alert severity="success" sx={{ m: 2 }}>
      {translate('app.webhooks.secret_created')} <code data-testid="new-webhook-secret">{secret}</code>
      <Box sx={{ mt: 1 }}>{translate('app.webhooks.verify_help')}</Box>
    </Alert>
  );
}

function WebhookForm() {
  return (
    <>
      <TextInput source="url" validate={[required(), regex(/^https?:\/\//)]} fullWidth />
      <TextInput source="description" fullWidth />
      <TextInput source="source" validate={regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/)} />
      <CheckboxGroupInput source="eventTypes" choices={eventTypeChoices} validate={required()} />
      <BooleanInput source="active" />
    </>
  );
}

export function WebhookList() {
  return (
    <List exporter={csvExporter} sort={{ field: 'id', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="url" />
        <DataTable.Col source="source" field={() => <TextField source="source" emptyText="*" />} />
        <DataTable.Col source="eventTypes" disableSort field={EventTypesField} />
        <DataTable.Col source="active" disableSort field={() => <BooleanField source="active" />} />
        <DataTable.Col source="createdAt" field={LocaleDateField} />
      </DataTable>
    </List>
  );
}

export function WebhookCreate() {
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Box>
      <SecretAlert secret={secret} />
      <Create redirect={false} mutationOptions={{ onSuccess: (data: RaRecord) => setSecret((data as RaRecord & { secret?: string }).secret ?? null) }}>
        <SimpleForm defaultValues={{ active: true, eventTypes: ['decision.made'] }}>
          <WebhookForm />
        </SimpleForm>
      </Create>
    </Box>
  );
}

function EditActions({ onSecret }: { onSecret: (s: string) => void }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const call = async (path: string) => {
    setBusy(true);
    try {
      return (await httpClient(`/api/webhook-subscriptions/${record.id}/${path}`, { method: 'POST', body: '{}' })).json as Record<string, unknown>;
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
      return null;
    } finally {
      setBusy(false);
    }
  };
  return (
    <TopToolbar>
      <ListButton />
      <Button
        disabled={busy || !record.active}
        onClick={async () => {
          const d = await call('test');
          if (d) notify('app.webhooks.test_result', { type: d.status === 'succeeded' ? 'success' : 'warning', messageArgs: { status: translate(`enums.delivery_status.${String(d.status)}`), code: d.lastStatusCode ?? translate('app.webhooks.no_answer') } });
        }}
      >
        {translate('app.webhooks.test_send')}
      </Button>
      <Button
        disabled={busy}
        color="warning"
        onClick={async () => {
          const d = await call('rotate-secret');
          if (d?.secret) {
            onSecret(String(d.secret));
            notify('app.webhooks.rotated', { type: 'success' });
            refresh();
          }
        }}
      >
        {translate('app.webhooks.rotate')}
      </Button>
      <DeleteButton mutationMode="pessimistic" />
    </TopToolbar>
  );
}

export function WebhookEdit() {
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Box>
      <SecretAlert secret={secret} />
      <Edit mutationMode="pessimistic" actions={<EditActions onSecret={setSecret} />}>
        <SimpleForm>
          <WebhookForm />
        </SimpleForm>
      </Edit>
    </Box>
  );
}

export default { list: WebhookList, create: WebhookCreate, edit: WebhookEdit, icon: WebhookIcon, recordRepresentation: 'url' };
