import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '../../contract/enums';
import { createTestDb, type TestDb } from '../support/testDb';

/*
 * Migrations keep frozen copies of the vocabulary, so the database's constraints and the contract can
 * drift apart; this reads every "column = ANY (ARRAY[...])" check the schema has and compares it with
 * the contract's set. A new closed column must be named here, or the first test fails.
 */
const EXPECTED: Record<string, readonly string[]> = {
  'accounts.type': E.ACCOUNT_TYPES,
  'posts.kind': E.POST_KINDS,
  'posts.status': E.POST_STATUSES,
  'transactions.status': E.TRANSACTION_STATUSES,
  'partnerships.kind': E.PARTNERSHIP_KINDS,
  'staff.role': E.STAFF_ROLES,
  'flags.subject_type': E.SUBJECT_TYPES,
  'flags.queue': E.QUEUES,
  'flags.status': E.FLAG_STATUSES,
  'flags.source': E.FLAG_SOURCES,
  'decisions.subject_type': E.SUBJECT_TYPES,
  'decisions.action': E.DECISION_ACTIONS,
  'policies.applies_to': E.POLICY_TARGETS,
  'policies.mode': E.POLICY_MODES,
  'policies.status': E.POLICY_STATUSES,
  'policy_versions.mode': E.POLICY_MODES,
  'rule_hits.mode': E.POLICY_MODES,
  'reputation_events.component': E.REPUTATION_COMPONENTS,
  'backtests.status': E.JOB_STATUSES,
  'compliance_reports.status': E.JOB_STATUSES,
  'transparency_reports.status': E.JOB_STATUSES,
  'reports.subject_type': E.SUBJECT_TYPES,
  'reports.reason': E.REPORT_REASONS,
  'reports.outcome': E.REPORT_OUTCOMES,
  'webhook_deliveries.status': E.DELIVERY_STATUSES,
  'statements.kind': E.STATEMENT_KINDS,
  'appeals.status': E.APPEAL_STATUSES,
  'model_versions.status': E.MODEL_STATUSES,
  'model_training_runs.status': E.TRAINING_RUN_STATUSES,
  'training_labels.source': E.LABEL_SOURCES,
  'note_templates.queue': E.QUEUES,
  'queue_settings.queue': E.QUEUES,
  'board_activity.granularity': E.ACTIVITY_GRANULARITIES,
  'thread_activity.granularity': E.ACTIVITY_GRANULARITIES,
};

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function enumChecks(): Promise<Map<string, string[]>> {
  const { rows } = await t.db.raw<{ rows: Array<{ tbl: string; def: string }> }>(`
    select c.relname as tbl, pg_get_constraintdef(k.oid) as def
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'c' and n.nspname = current_schema() and not c.relispartition`);
  const out = new Map<string, string[]>();
  for (const { tbl, def } of rows) {
    const m = /^CHECK \(\(?\(?(\w+)\)?(?:::text)?\)? = ANY \(+ARRAY\[(.*)\]/.exec(def);
    if (!m) continue;
    const values = [...m[2]!.matchAll(/'([^']*)'/g)].map((v) => v[1]!);
    if (values.length === 0) continue; // a numeric set (0 or 1), not a vocabulary
    const key = `${tbl}.${m[1]}`;
    out.set(key, [...new Set([...(out.get(key) ?? []), ...values])]);
  }
  return out;
}

describe('the contract and the database name the same closed sets', () => {
  it('every closed column in the schema is a contract enum', async () => {
    const checks = await enumChecks();
    expect(checks.size).toBeGreaterThan(20);
    expect([...checks.keys()].filter((k) => !(k in EXPECTED)).sort()).toEqual([]);
  });

  it("each column's allowed values equal the contract's", async () => {
    const checks = await enumChecks();
    for (const [key, values] of Object.entries(EXPECTED)) {
      expect({ key, values: [...(checks.get(key) ?? [])].sort() }).toEqual({ key, values: [...values].sort() });
    }
  });
});
