import TimerIcon from '@mui/icons-material/Timer';
import { Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import {
  DataTable,
  Edit,
  FunctionField,
  List,
  NumberInput,
  SimpleForm,
  TextInput,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { EnumField, LocaleDateField } from '../common/fields';

/** Minutes as a person reads them: "90 min", "4 h", "2 d". */
export function minutesText(minutes: number | null | undefined): string {
  if (minutes == null) return '–';
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

function Hint() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1 }}>
      {translate('app.sla.hint')}
    </Typography>
  );
}

/** Every queue with its target time to decision; community managers and admins edit them. */
export function QueueSettingsList() {
  return (
    <List pagination={false} exporter={false} sort={{ field: 'queue', order: 'ASC' }}>
      <Hint />
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="queue" disableSort field={() => <EnumField source="queue" enumName="queue" chip />} />
        <DataTable.Col
          source="slaMinutes"
          disableSort
          field={() => <FunctionField render={(r: { slaMinutes: number | null }) => minutesText(r.slaMinutes)} />}
        />
        <DataTable.Col source="updatedByName" disableSort />
        <DataTable.Col source="updatedAt" disableSort field={LocaleDateField} />
      </DataTable>
    </List>
  );
}

export function QueueSettingsEdit() {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const redirect = useRedirect();
  // The menu's overdue counts depend on the target: recounted at once rather than at their next refresh.
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: ['menu'] });
    notify('ra.notification.updated', { type: 'info', messageArgs: { smart_count: 1 } });
    redirect('list', 'queue-settings');
  };
  return (
    <Edit
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess }}
      transform={(data: { slaMinutes?: number | null }) => ({ slaMinutes: data.slaMinutes ?? null })}
    >
      <SimpleForm>
        <TextInput source="queue" disabled format={(q: string) => (q ? translate(`enums.queue.${q}`) : '')} />
        <NumberInput source="slaMinutes" min={1} step={1} helperText={translate('app.sla.minutes_hint')} />
      </SimpleForm>
    </Edit>
  );
}

export default { list: QueueSettingsList, edit: QueueSettingsEdit, icon: TimerIcon };
