import { DeleteButton, useRecordContext, type RaRecord, type RedirectionSideEffect } from 'react-admin';

/**
 * DELETE retires a row on these resources (deactivates, revokes, disables, archives) rather than erasing it.
 * The button's words come from `resources.<name>.action.delete` and `.message.delete_title / delete_content`,
 * so it says what it does; pessimistic, so there is a confirmation and nothing looks done before the server agrees.
 * Not shown on a row that is already retired.
 */
export function RetireButton({ retired, redirect = false }: { retired: (record: RaRecord) => boolean; redirect?: RedirectionSideEffect }) {
  const record = useRecordContext();
  if (!record || retired(record)) return null;
  return <DeleteButton mutationMode="pessimistic" redirect={redirect} confirmColor="warning" />;
}
