import { STARTER_POLICIES } from './policies';
import type { ServerMessage } from '../messages/serverMessage';

type Text = ServerMessage | { text: string };

const BY_NAME = new Map(STARTER_POLICIES.map((p) => [p.name, p]));

/**
 * A policy's name and description as messages: keyed while they are still the starter policy's
 * own English, so the console can show them in its language; once a community manager renames
 * or rewrites one, it is their text and is shown as written.
 */
export function policyTextMessages(name: string, description: string | null | undefined): { name: Text; description: Text | null } {
  const starter = BY_NAME.get(name);
  const nameMessage: Text = starter ? { key: `starter_policy.${starter.key}.name`, text: name } : { text: name };
  if (description == null) return { name: nameMessage, description: null };
  const describedBy = starter?.description === description ? starter : STARTER_POLICIES.find((p) => p.description === description);
  return {
    name: nameMessage,
    description: describedBy ? { key: `starter_policy.${describedBy.key}.description`, text: description } : { text: description },
  };
}
