import LabelIcon from '@mui/icons-material/Label';
import { lazy, Suspense, useRef, useState } from 'react';
import { Button, Chip, Stack, Typography } from '@mui/material';
import {
  DataTable,
  FilterButton,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/fields';
import { LABEL_VALUES, QUEUES } from '../../../contract/enums';
import { downloadFile } from '../common/downloadFile';
import { httpClient } from '../dataProvider';

// The picker loads with the first date filter a person adds, not with the console.
const LazyDateTimeInput = lazy(() => import('../common/LocaleDateTimeInput'));
function DateTimeFilter(props: { source: string; alwaysOn?: boolean }) {
  return (
    <Suspense fallback={null}>
      <LazyDateTimeInput {...props} />
    </Suspense>
  );
}

const choices = (name: string, values: readonly string[]) => values.map((id) => ({ id, name: `enums.${name}.${id}` }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="source" source="source" choices={choices('label_source', ['decision', 'import'])} alwaysOn />,
  <SelectInput key="label" source="label" choices={choices('label_value', LABEL_VALUES)} alwaysOn />,
  <SelectInput key="queue" source="queue" choices={choices('queue', QUEUES)} />,
  <DateTimeFilter key="from" source="labelledAt_gte" />,
  <DateTimeFilter key="to" source="labelledAt_lte" />,
];

function Code({ source, enumName }: { source: string; enumName: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source];
  return value == null ? null : <Chip size="small" label={translate(`enums.${enumName}.${value}`, { _: String(value) })} />;
}

/** Import a file of labelled history (whole or nothing) and export what is there. */
function LabelActions() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const input = useRef<HTMLInputElement>(null);
  const { canAccess: canImport } = useCanAccess({ resource: 'labels', action: 'create' });
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const csv = file.name.toLowerCase().endsWith('.csv');
      const { json } = await httpClient(`/api/labels/import?format=${csv ? 'csv' : 'jsonl'}`, {
        method: 'POST',
        body: await file.text(),
        headers: new Headers({ 'Content-Type': csv ? 'text/csv' : 'application/x-ndjson' }),
      });
      notify('app.models.imported', { type: 'success', messageArgs: { rows: (json as { rows: number }).rows } });
      refresh();
    } catch (err) {
      const body = (err as { body?: { detail?: string } }).body;
      notify(body?.detail ?? (err as Error).message, { type: 'error' });
    }
    setBusy(false);
  };
  return (
    <TopToolbar>
      {/* Custom actions replace react-admin's, so the button that adds the queue and time filters is put back. */}
      <FilterButton />
      <Button size="small" onClick={() => downloadFile('/api/labels/export?format=jsonl', 'labels.jsonl')}>
        {translate('app.models.export_jsonl')}
      </Button>
      <Button size="small" onClick={() => downloadFile('/api/labels/export?format=csv', 'labels.csv')}>
        {translate('app.models.export_csv')}
      </Button>
      {canImport && (
        <>
          <input
            ref={input}
            type="file"
            accept=".csv,.jsonl,.ndjson"
            hidden
            aria-label={translate('app.models.file')}
            onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])}
          />
          <Button
            size="small"
            variant="outlined"
            disabled={busy}
            onClick={() => input.current?.click()}
            title={translate('app.models.import_help')}
          >
            {translate('app.models.import')}
          </Button>
        </>
      )}
    </TopToolbar>
  );
}

export function LabelList() {
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'labelledAt', order: 'DESC' }} actions={<LabelActions />}>
      <Stack sx={{ px: 2, pt: 1 }}>
        <Typography variant="body2" color="text.secondary">
          {translate('app.models.import_help')}
        </Typography>
      </Stack>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="labelledAt" field={LocaleDateField} />
        <DataTable.Col source="label" field={() => <Code source="label" enumName="label_value" />} />
        <DataTable.Col source="source" disableSort field={() => <Code source="source" enumName="label_source" />} />
        <DataTable.Col source="queue" field={() => <Code source="queue" enumName="queue" />} />
        <DataTable.Col
          source="postId"
          disableSort
          field={() => <ReferenceField source="postId" reference="posts" emptyText="–" link="show" />}
        />
        <DataTable.Col source="text" disableSort field={() => <TextField source="text" emptyText="–" />} />
        <DataTable.Col
          source="decisionId"
          disableSort
          field={() => <ReferenceField source="decisionId" reference="decisions" emptyText="–" link="show" />}
        />
        <DataTable.Col
          source="modelVersionId"
          disableSort
          field={() => <ReferenceField source="modelVersionId" reference="model-versions" emptyText="–" link="show" />}
        />
        <DataTable.Col source="retractedAt" field={() => <LocaleDateField source="retractedAt" emptyText="–" />} />
      </DataTable>
    </List>
  );
}

export default { list: LabelList, icon: LabelIcon, recordRepresentation: 'id' };
