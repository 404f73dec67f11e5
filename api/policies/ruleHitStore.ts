import type { Knex } from 'knex';
import { toApiRow } from '../db/rows';
import { policyTextMessages } from '../../rules/starter/starterPolicyText';

/** The rules that judged an item, each with its policy version and condition-by-condition explanation, oldest first. */
export async function ruleHitsFor(db: Knex, subjectType: 'post' | 'transaction', id: number): Promise<Array<Record<string, unknown>>> {
  const rows = await db('rule_hits as h')
    .join('policy_versions as v', 'v.id', 'h.policy_version_id')
    .join('policies as p', 'p.id', 'v.policy_id')
    .where({ 'h.subject_type': subjectType, 'h.subject_id': id })
    .orderBy('h.id')
    .select(
      'h.id',
      'h.rule_name',
      'h.event_type',
      'h.event_params',
      'h.explanation',
      'h.mode',
      'h.created_at',
      'p.id as policy_id',
      'p.name as policy_name',
      'v.id as policy_version_id',
      'v.version',
    );
  // A starter policy's name has a key the console translates (see api/resources/messageKeys.ts).
  return rows.map((r: { policy_name: string }) => {
    const name = policyTextMessages(r.policy_name, null).name;
    return { ...toApiRow(r), policyNameKey: 'key' in name ? name.key : null };
  });
}
