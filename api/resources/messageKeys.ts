import { flagReasonMessages } from '../../rules/flags/flagReasons';
import { policyTextMessages } from '../../rules/starter/starterPolicyText';

/**
 * Adds message keys beside the English a row already carries, for the console to render in its
 * language: a flag's reasons, a starter policy's name and description. The English fields stay
 * as they were, so clients that read them see no change.
 */
export function withMessageKeys(resource: string, row: Record<string, unknown>): Record<string, unknown> {
  if (resource === 'flags') return { ...row, reasons: flagReasonMessages(typeof row.reason === 'string' ? row.reason : null) };
  if (resource === 'policies' && typeof row.name === 'string') {
    const m = policyTextMessages(row.name, typeof row.description === 'string' ? row.description : null);
    return {
      ...row,
      nameKey: 'key' in m.name ? m.name.key : null,
      descriptionKey: m.description && 'key' in m.description ? m.description.key : null,
    };
  }
  return row;
}
