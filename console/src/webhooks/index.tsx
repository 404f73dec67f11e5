import { useState } from 'react';
import WebhookIcon from '@mui/icons-material/Webhook';
import { Alert, Box, Button, Chip, Stack } from '@mui/material';
import {
  BooleanField,
  BooleanInput,
  CheckboxGroupInput,
  Create,
  DataTable,
  Edit,
  List,
  NullableBooleanInput,
  SearchInput,
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
import { RetireButton } from '../common/RetireButton';
import { RetireToolbar } from '../common/RetireToolbar';
import { LocaleDateField } from '../common/fields';
import { httpClient } from '../dataProvider';
import { eventTypeChoices, eventTypeKey } from './eventTypes';
import { csvExporter } from '../common/exporter';
import { OneTimeSecret } from '../common/OneTimeSecret';

function EventTypesField() {
  const record = useRecordContext();
  const translate = useTranslate();
  const types = (record?.eventTypes as string[] | undefined) ?? [];
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {types.map((t) => (
        <Chip key={t} size="small" label={translate(eventTypeKey(t))} />
      ))}
    </Stack>
  );
}

/** The secret comes back once, when made or rotated; it is shown here, with a copy button, and never again. */
function SecretAlert({ secret, onDismiss }: { secret: string | null; onDismiss: () => void }) {
  const translate = useTranslate();
  if (!secret) return null;
  return (
    <OneTimeSecret title={translate('app.webhooks.secret_created')} secret={secret} testId="new-webhook-secret" onDismiss={onDismiss}>
      <Box sx={{ mt: 1 }}>{translate('app.webhooks.verify_help')}</Box>
    </OneTimeSecret>
  );
}

interface TestResult {
  status: string;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttempt: { statusCode: number | null; error: string | null; responseExcerpt: string | null; durationMs: number } | null;
}

/** "HTTP 500", or the transport's error (a timeout, a refused connection) when there was no status. */
const answerOf = (code: number | null | undefined, error: string | null | undefined) =>
  [code != null ? `HTTP ${code}` : null, error && error !== `HTTP ${code}` ? error : null].filter(Boolean).join(', ') || '–';

/** What the receiver answered to the test delivery: its status, its error and the start of its body. */
function TestResultAlert({ result, onDismiss }: { result: TestResult; onDismiss: () => void }) {
  const translate = useTranslate();
  const ok = result.status === 'succeeded';
  const a = result.lastAttempt;
  const code = a?.statusCode ?? result.lastStatusCode;
  return (
    <Alert severity={ok ? 'success' : 'error'} sx={{ m: 2 }} onClose={onDismiss} data-testid="webhook-test-result">
      <Box>
        {translate(ok ? 'app.webhooks.test_ok' : 'app.webhooks.test_failed', {
          code: code ?? translate('app.webhooks.no_answer'),
          answer: answerOf(code, a?.error ?? result.lastError),
          ms: a?.durationMs ?? '–',
        })}
      </Box>
      {a?.responseExcerpt && (
        <Box sx={{ mt: 1 }}>
          {translate('app.webhooks.test_body')}
          <Box
            component="pre"
            sx={{
              m: 0,
              mt: 0.5,
              p: 1,
              bgcolor: 'background.paper',
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
              maxHeight: 160,
              overflow: 'auto',
              fontSize: 12,
            }}
          >
            {a.responseExcerpt}
          </Box>
        </Box>
      )}
    </Alert>
  );
}

function WebhookForm() {
  return (
    <>
      <TextInput source="url" validate={[required(), regex(/^https?:\/\//, 'validation.http_url')]} fullWidth />
      <TextInput source="description" fullWidth />
      <TextInput source="source" validate={regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'validation.source_name')} />
      <CheckboxGroupInput source="eventTypes" choices={eventTypeChoices} validate={required()} />
      <BooleanInput source="active" />
    </>
  );
}

const disabled = (r: RaRecord) => r.active === false;

// Active subscriptions unless the filter asks for the disabled ones (the API's default).
// The list keeps its filters when nothing is left (empty={false}): the "none yet" page would hide this one.
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput
    key="active"
    source="active"
    trueLabel="app.retire.webhooks.active"
    falseLabel="app.retire.webhooks.retired"
    alwaysOn
  />,
];

export function WebhookList() {
  return (
    <List empty={false} exporter={csvExporter} filters={filters} sort={{ field: 'id', order: 'ASC' }}>
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
  const [formKey, setFormKey] = useState(0);
  return (
    <Box>
      <SecretAlert secret={secret} onDismiss={() => setSecret(null)} />
      <Create
        key={formKey}
        redirect={false}
        mutationOptions={{
          onSuccess: (data: RaRecord) => {
            setSecret((data as RaRecord & { secret?: string }).secret ?? null);
            // A fresh form: the subscription is made, nothing of it should look like a second one waiting to be sent.
            setFormKey((k) => k + 1);
          },
        }}
      >
        <SimpleForm defaultValues={{ active: true, eventTypes: ['decision.made'] }}>
          <WebhookForm />
        </SimpleForm>
      </Create>
    </Box>
  );
}

function EditActions({ onSecret, onTest }: { onSecret: (s: string) => void; onTest: (r: TestResult) => void }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const call = async (path: string) => {
    setBusy(true);
    try {
      return (await httpClient(`/api/webhook-subscriptions/${record.id}/${path}`, { method: 'POST', body: '{}' })).json as Record<
        string,
        unknown
      >;
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
          if (d) onTest(d as unknown as TestResult);
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
      <RetireButton retired={disabled} redirect="list" />
    </TopToolbar>
  );
}

export function WebhookEdit() {
  const [secret, setSecret] = useState<string | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  return (
    <Box>
      <SecretAlert secret={secret} onDismiss={() => setSecret(null)} />
      {test && <TestResultAlert result={test} onDismiss={() => setTest(null)} />}
      <Edit mutationMode="pessimistic" actions={<EditActions onSecret={setSecret} onTest={setTest} />}>
        <SimpleForm toolbar={<RetireToolbar retired={disabled} />}>
          <WebhookForm />
        </SimpleForm>
      </Edit>
    </Box>
  );
}

export default { list: WebhookList, create: WebhookCreate, edit: WebhookEdit, icon: WebhookIcon, recordRepresentation: 'url' };
