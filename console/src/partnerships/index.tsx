import HandshakeIcon from '@mui/icons-material/Handshake';
import { DataTable, List, ReferenceField, SearchInput, SelectInput, Show, SimpleShowLayout, TextField } from 'react-admin';
import { EnumField, LocaleDateField, enumChoices } from '../common/fields';
import { PARTNERSHIP_KINDS } from '../../../contract/enums';
import { csvExporter } from '../common/exporter';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={enumChoices('partnership_kind', PARTNERSHIP_KINDS)} />,
];

export function PartnershipList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'startsAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show">
        <DataTable.Col source="id" />
        <DataTable.Col
          source="creatorId"
          disableSort
          field={() => <ReferenceField source="creatorId" reference="accounts" link="show" />}
        />
        <DataTable.Col source="brandId" disableSort field={() => <ReferenceField source="brandId" reference="accounts" link="show" />} />
        <DataTable.Col source="kind" field={() => <EnumField source="kind" enumName="partnership_kind" chip />} />
        <DataTable.Col source="campaign" />
        <DataTable.Col source="startsAt" field={LocaleDateField} />
        <DataTable.Col source="endsAt" field={LocaleDateField} />
      </DataTable>
    </List>
  );
}

export function PartnershipShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReferenceField source="creatorId" reference="accounts" link="show" />
        <ReferenceField source="brandId" reference="accounts" link="show" />
        <EnumField source="kind" enumName="partnership_kind" chip />
        <TextField source="campaign" />
        <LocaleDateField source="startsAt" />
        <LocaleDateField source="endsAt" emptyText="–" />
        <TextField source="source" />
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: PartnershipList, show: PartnershipShow, icon: HandshakeIcon, recordRepresentation: 'campaign' };
