import { Box, Chip, Typography } from '@mui/material';
import {
  DataTable,
  List,
  Loading,
  NumberField,
  ReferenceField,
  SearchInput,
  SelectInput,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useTriageKeys } from './useTriageKeys';
import { KeyboardHelp } from './KeyboardHelp';
import { BulkDecideButtons } from './BulkDecideButtons';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { FLAG_SOURCES, FLAG_STATUSES } from '../../../contract/enums';
import { HighlightedText } from '../evidence/HighlightedText';
import { useDuration } from '../common/time';
import { removeTemplateFor } from './reasonTemplates';
import { useWorkedQueues } from './usePermissionsOf';
import { flagReasonText } from '../common/serverText';
import { csvExporter } from '../common/exporter';

/** The flagged item, linked to its own page whatever its type. */
export function SubjectField() {
  const record = useRecordContext();
  if (!record) return null;
  const reference = record.subjectType === 'post' ? 'posts' : record.subjectType === 'transaction' ? 'transactions' : 'accounts';
  return <ReferenceField source="subjectId" reference={reference} link="show" />;
}

/** The item's first 120 characters with its evidence marked, as the list answer embeds them. */
function SnippetField() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  const subject = record.subject as { snippet?: string; lang?: string } | null;
  return (
    <Box sx={{ minWidth: 260, maxWidth: 560 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(`enums.subject_type.${record.subjectType}`, { _: record.subjectType })} #{record.subjectId} ·{' '}
        {flagReasonText(translate, record)}
      </Typography>
      <Typography variant="body2" component="div">
        {subject?.snippet ? <HighlightedText text={subject.snippet} lang={subject.lang} compact /> : '–'}
      </Typography>
    </Box>
  );
}

function AuthorField() {
  const record = useRecordContext();
  const subject = record?.subject as { authorName?: string; authorHandle?: string } | null;
  if (!subject?.authorHandle) return <span>–</span>;
  return (
    <span>
      {subject.authorName ?? subject.authorHandle}
      <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
        @{subject.authorHandle}
      </Typography>
    </span>
  );
}

function ReachField() {
  const record = useRecordContext();
  const reach = (record?.subject as { reach?: number | null } | null)?.reach;
  return <span>{reach == null ? '–' : reach.toLocaleString()}</span>;
}

function AgeField() {
  const record = useRecordContext();
  const duration = useDuration();
  return <span title={String(record?.createdAt ?? '')}>{duration(record?.createdAt as string)}</span>;
}

function ClaimedField() {
  const record = useRecordContext();
  if (!record?.claimActive) return <span>–</span>;
  return <Chip size="small" variant="outlined" label={String(record.claimedByName ?? `#${record.claimedBy}`)} />;
}

/** Time left to the queue's target, or how long past it an item is: overdue items are marked. */
export function DueField() {
  const record = useRecordContext();
  const translate = useTranslate();
  const duration = useDuration();
  if (!record?.dueAt || record.status !== 'open') return <span>–</span>;
  const now = new Date();
  if (record.overdue) {
    return (
      <Chip
        size="small"
        color="error"
        data-overdue="true"
        label={translate('app.sla.overdue', { duration: duration(record.dueAt as string, now) })}
      />
    );
  }
  return (
    <span data-overdue="false">
      {translate('app.sla.due_in', { duration: duration(now.toISOString(), new Date(record.dueAt as string)) })}
    </span>
  );
}

/** The list is titled by its queue, as the menu names it. */
function QueueTitle() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const queue = filterValues?.queue as string | undefined;
  return (
    <span>
      {queue && typeof queue === 'string'
        ? translate('app.triage.queue_title', { queue: translate(`enums.queue.${queue}`) })
        : translate('app.triage.all_queues')}
    </span>
  );
}

/** The queue, worked from the keyboard (see useTriageKeys). */
function TriageTable({ queues }: { queues: readonly string[] }) {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const { selectedId, pending, helpOpen, closeHelp } = useTriageKeys();
  const queue = typeof filterValues?.queue === 'string' ? (filterValues.queue as string) : null;
  const oneQueue = queue ?? (queues.length === 1 ? queues[0]! : null);
  const removeAction = oneQueue ? translate(`enums.decision_action.${removeTemplateFor(oneQueue).action}`).toLowerCase() : null;
  // Bulk actions only where the role may act: its own queue, or every queue for the roles that work them all.
  const mayBulk = oneQueue ? queues.includes(oneQueue) : queues.length > 1;
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1 }}>
        {removeAction ? translate('app.triage.hint_queue', { remove: removeAction }) : translate('app.triage.hint')}
      </Typography>
      <KeyboardHelp open={helpOpen} onClose={closeHelp} />
      <DataTable
        rowClick="show"
        bulkActionButtons={mayBulk ? <BulkDecideButtons queues={queues} /> : false}
        rowSx={(record) =>
          record.id === selectedId
            ? { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: '-2px', bgcolor: 'action.selected' }
            : pending.has(record.id)
              ? { opacity: 0.4 }
              : {}
        }
      >
        <DataTable.Col source="priority" field={NumberField} />
        {!oneQueue && <DataTable.Col source="queue" field={() => <EnumField source="queue" enumName="queue" chip />} />}
        <DataTable.Col source="subject" label="app.triage.col.subject" disableSort field={SnippetField} />
        <DataTable.Col source="author" label="app.triage.col.author" disableSort field={AuthorField} />
        <DataTable.Col source="reach" label="app.triage.col.reach" disableSort field={ReachField} />
        <DataTable.Col source="createdAt" label="app.triage.col.age" field={AgeField} />
        <DataTable.Col source="dueAt" label="app.triage.col.due" disableSort field={DueField} />
        <DataTable.Col source="reportCount" field={NumberField} />
        <DataTable.Col source="claimedBy" label="app.triage.col.claimed" disableSort field={ClaimedField} />
        {filterValues?.status !== 'open' && (
          <DataTable.Col source="status" field={() => <EnumField source="status" enumName="flag_status" />} />
        )}
        {filterValues?.status !== 'open' && <DataTable.Col source="decidedAt" field={LocaleDateField} />}
      </DataTable>
    </>
  );
}

export function FlagList() {
  const { queues, all, isPending } = useWorkedQueues();
  if (isPending) return <Loading />;
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="queue" source="queue" choices={enumChoices('queue', queues)} alwaysOn />,
    <SelectInput key="status" source="status" choices={enumChoices('flag_status', FLAG_STATUSES)} alwaysOn />,
    <SelectInput key="source" source="source" choices={enumChoices('flag_source', FLAG_SOURCES)} />,
  ];
  return (
    <List
      exporter={csvExporter}
      title={<QueueTitle />}
      filters={filters}
      // A role that works one queue opens on it; one that works some sees only those.
      filterDefaultValues={queues.length === 1 ? { status: 'open', queue: queues[0] } : { status: 'open' }}
      filter={all || queues.length === 0 ? undefined : { queue: queues }}
      sort={{ field: 'priority', order: 'DESC' }}
      perPage={25}
    >
      <TriageTable queues={queues} />
    </List>
  );
}
