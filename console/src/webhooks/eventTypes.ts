import { WEBHOOK_EVENT_TYPES } from '../../../contract/enums';

/** Event types carry dots, which translation keys cannot. */
export const eventTypeKey = (type: string) => `enums.webhook_event.${type.replace('.', '_')}`;

export const eventTypeChoices = WEBHOOK_EVENT_TYPES.map((id) => ({ id, name: eventTypeKey(id) }));
