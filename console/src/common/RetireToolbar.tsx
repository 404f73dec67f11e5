import { Toolbar, SaveButton, type RaRecord } from 'react-admin';
import { RetireButton } from './RetireButton';

/** An edit form's toolbar where the delete button retires the record (see RetireButton) and returns to the list. */
export function RetireToolbar({ retired }: { retired: (record: RaRecord) => boolean }) {
  return (
    <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
      <SaveButton />
      <RetireButton retired={retired} redirect="list" />
    </Toolbar>
  );
}
