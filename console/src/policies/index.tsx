import PolicyIcon from '@mui/icons-material/Policy';
import {
  Create,
  DataTable,
  List,
  required,
  SearchInput,
  SelectInput,
  Show,
  SimpleForm,
  TabbedShowLayout,
  TextInput,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { PublishControls } from './PublishControls';
import { DryRunPanel } from './DryRunPanel';
import { lazyPage } from '../common/lazyPage';

// The code editor (CodeMirror) loads with the policy page that shows it, not with the queue.
const DraftEditor = lazyPage(() => import('./DraftEditor').then((m) => m.DraftEditor));
// The backtest's charts load with the tab that shows them.
const BacktestPanel = lazyPage(() => import('./BacktestPanel').then((m) => m.BacktestPanel));
import { VersionDiff } from './VersionDiff';
import { KeyedTextField } from '../common/serverText';
import { csvExporter } from '../common/exporter';
import { RetireButton } from '../common/RetireButton';

// Archived policies leave the list unless the status filter asks for them (the API's default).
// The list keeps its filters when nothing is left (empty={false}): the "none yet" page would hide this one.
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('policy_status', ['draft', 'published', 'archived'])} alwaysOn />,
];
const archived = (r: RaRecord) => r.status === 'archived';
// Named, not inline: a list re-render must not remount the button and close its dialog.
const ArchiveButton = () => <RetireButton retired={archived} />;

export function PolicyList() {
  return (
    <List empty={false} exporter={csvExporter} filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      {/* No bulk delete: each archive is its own audited change. */}
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" field={KeyedTextField} />
        <DataTable.Col source="description" disableSort field={KeyedTextField} />
        <DataTable.Col source="appliesTo" field={() => <EnumField source="appliesTo" enumName="policy_target" />} />
        <DataTable.Col source="mode" field={() => <EnumField source="mode" enumName="policy_mode" chip />} />
        <DataTable.Col source="status" field={() => <EnumField source="status" enumName="policy_status" chip />} />
        <DataTable.Col source="updatedAt" field={LocaleDateField} />
        <DataTable.Col label="" disableSort field={ArchiveButton} />
      </DataTable>
    </List>
  );
}

/** One page per policy, the way a rule editor works: the draft, trying it, and putting it in force. */
export function PolicyShow() {
  const translate = useTranslate();
  return (
    <Show>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('app.policies.tab_draft')}>
          <KeyedTextField source="description" />
          <EnumField source="status" enumName="policy_status" chip />
          <EnumField source="mode" enumName="policy_mode" chip />
          <PublishControls />
          <DraftEditor />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('app.policies.dry_run')} path="dry-run">
          <DryRunPanel />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('app.policies.backtest')} path="backtest">
          <BacktestPanel />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('resources.policy-versions.name', { smart_count: 2 })} path="versions">
          <VersionDiff />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}

export function PolicyCreate() {
  return (
    <Create redirect="show" transform={(data: Record<string, unknown>) => ({ ...data, draft: { rules: [] } })}>
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="description" multiline />
        <SelectInput source="appliesTo" choices={enumChoices('policy_target', ['post', 'transaction'])} validate={required()} />
        <SelectInput source="mode" choices={enumChoices('policy_mode', ['enforce', 'shadow'])} defaultValue="shadow" />
      </SimpleForm>
    </Create>
  );
}

export default {
  list: PolicyList,
  show: PolicyShow,
  create: PolicyCreate,
  icon: PolicyIcon,
  recordRepresentation: <KeyedTextField source="name" />,
};
