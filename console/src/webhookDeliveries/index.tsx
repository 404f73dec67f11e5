import OutboxIcon from '@mui/icons-material/Outbox';
import { Button } from '@mui/material';
import {
  ArrayField,
  BooleanField,
  DataTable,
  FilterButton,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { DELIVERY_STATUSES } from '../../../contract/enums';
import { httpClient } from '../dataProvider';
import { eventTypeKey } from '../webhooks/eventTypes';
import { csvExporter } from '../common/exporter';
import { callApi } from '../common/callApi';
import { ROUTES } from '../../../contract/routes';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('delivery_status', DELIVERY_STATUSES)} alwaysOn />,
  <ReferenceInput key="subscriptionId" source="subscriptionId" reference="webhook-subscriptions">
    <SelectInput optionText="url" />
  </ReferenceInput>,
];

function EventTypeField() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate(eventTypeKey(String(record.eventType)), { _: String(record.eventType) })}</span>;
}

/** Queues one delivery again, whatever its state; receivers de-duplicate by the event id. */
function ReplayButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || record.status === 'delivering' || record.status === 'pending') return null;
  return (
    <Button
      size="small"
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await httpClient(`/api/webhook-deliveries/${record.id}/replay`, { method: 'POST', body: '{}' });
          notify('app.webhooks.replayed', { type: 'success' });
          refresh();
        } catch (err) {
          notify((err as Error).message, { type: 'error' });
        }
      }}
    >
      {translate('app.webhooks.replay')}
    </Button>
  );
}

function ReplayFailedButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { filterValues } = useListContext();
  const subscriptionId = Number(filterValues?.subscriptionId);
  return (
    <Button
      onClick={async () => {
        try {
          const body = Number.isSafeInteger(subscriptionId) && subscriptionId > 0 ? { subscriptionId } : {};
          const { replayed } = await callApi(ROUTES.deliveryReplayFailed, { body });
          notify('app.webhooks.replay_failed_done', { type: 'success', messageArgs: { count: replayed } });
          refresh();
        } catch (err) {
          notify((err as Error).message, { type: 'error' });
        }
      }}
    >
      {translate('app.webhooks.replay_failed')}
    </Button>
  );
}

export function DeliveryList() {
  return (
    <List
      exporter={csvExporter}
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <FilterButton />
          <ReplayFailedButton />
        </TopToolbar>
      }
      perPage={50}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="eventType" field={EventTypeField} />
        <DataTable.Col
          source="subscriptionId"
          disableSort
          field={() => <ReferenceField source="subscriptionId" reference="webhook-subscriptions" />}
        />
        <DataTable.Col source="status" field={() => <EnumField source="status" enumName="delivery_status" chip />} />
        <DataTable.Col source="attempts" />
        <DataTable.Col source="lastStatusCode" field={() => <TextField source="lastStatusCode" emptyText="–" />} />
        <DataTable.Col source="lastAttemptAt" field={LocaleDateField} />
        <DataTable.Col label="" disableSort field={ReplayButton} />
      </DataTable>
    </List>
  );
}

export function DeliveryShow() {
  const translate = useTranslate();
  return (
    <Show
      actions={
        <TopToolbar>
          <ReplayButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <EnumField source="status" enumName="delivery_status" chip />
        <FunctionField source="eventType" render={() => <EventTypeField />} />
        <TextField source="eventPublicId" />
        <ReferenceField source="subscriptionId" reference="webhook-subscriptions" />
        <NumberField source="attempts" />
        <TextField source="lastStatusCode" emptyText="–" />
        <TextField source="lastError" emptyText="–" />
        <LocaleDateField source="nextAttemptAt" emptyText="–" />
        <LocaleDateField source="succeededAt" emptyText="–" />
        <ArrayField source="attemptLog" label={translate('app.webhooks.attempts')}>
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="attempt" />
            <DataTable.Col source="startedAt" field={LocaleDateField} />
            <DataTable.Col source="durationMs" />
            <DataTable.Col source="statusCode" field={() => <TextField source="statusCode" emptyText="–" />} />
            <DataTable.Col source="succeeded" field={() => <BooleanField source="succeeded" />} />
            <DataTable.Col source="error" field={() => <TextField source="error" emptyText="–" />} />
          </DataTable>
        </ArrayField>
        <FunctionField
          label={translate('app.webhooks.payload')}
          render={(r: { payload?: unknown }) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.payload ?? null, null, 2)}</pre>
          )}
        />
      </SimpleShowLayout>
    </Show>
  );
}

export default {
  list: DeliveryList,
  show: DeliveryShow,
  icon: OutboxIcon,
  recordRepresentation: (r: { id: number; eventType: string }) => `#${r.id} ${r.eventType}`,
};
