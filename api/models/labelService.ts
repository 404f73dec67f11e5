import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Db } from '../db/connect';
import { appendAudit, type Actor } from '../audit/auditLog';
import { problems, type FieldError } from '../http/problem';
import { labelForDecision } from '../../models/runtime/decisionLabels';
import type { PlatformLabel } from '../../models/training/retrain';
import { QUEUES, LABEL_SOURCES, LABEL_VALUES } from '../../contract/enums';
import type { ResourceDefinition } from '../resources/definitions';
import type { FieldSpec } from '../http/listQuery';
import { camelCase } from '../db/rows';
import { RESOURCE_ACCESS } from '../../contract/access';
import { maskPersonalData } from '../../rules/privacy/mask';

const field = (
  column: string,
  kind: FieldSpec['kind'],
  options: { sort?: boolean; filter?: boolean; values?: readonly string[] } = {},
): [string, FieldSpec] => [
  camelCase(column),
  { column, kind, sortable: options.sort ?? false, filterable: options.filter ?? true, values: options.values },
];

/** The labels list: filter by source, label, queue and time (labelledAt_gte / _lte). */
export const LABELS_RESOURCE: ResourceDefinition = {
  resource: 'labels',
  table: 'training_labels',
  readRoles: RESOURCE_ACCESS.labels!.read,
  fields: Object.fromEntries([
    field('id', 'id', { sort: true }),
    field('source', 'enum', { values: LABEL_SOURCES }),
    field('label', 'enum', { sort: true, values: LABEL_VALUES }),
    field('spam', 'int'),
    field('promo', 'int'),
    field('queue', 'enum', { sort: true, values: QUEUES }),
    field('post_id', 'id'),
    field('decision_id', 'id'),
    field('staff_id', 'id'),
    field('model_version_id', 'id'),
    field('import_id', 'id'),
    field('external_id', 'text'),
    field('text', 'text', { filter: false }),
    field('labelled_at', 'date', { sort: true }),
    field('created_at', 'date', { sort: true }),
    field('retracted_at', 'date', { sort: true }),
    field('retracted_by_decision_id', 'id'),
  ]),
  columns: [
    'id',
    'source',
    'label',
    'spam',
    'promo',
    'queue',
    'post_id',
    'decision_id',
    'staff_id',
    'model_version_id',
    'import_id',
    'external_id',
    'text',
    'labelled_at',
    'created_at',
    'retracted_at',
    'retracted_by_decision_id',
  ],
  searchColumns: ['text', 'external_id'],
  defaultSort: ['labelledAt', 'DESC'],
};

export const maskLabel = (row: Record<string, unknown>) => ({
  ...row,
  text: typeof row.text === 'string' ? maskPersonalData(row.text) : row.text,
});

/**
 * A person's decision on a post becomes a label (models/runtime/decisionLabels.ts says which), in the
 * decision's own transaction, with the model version that scored the post.
 */
export async function recordDecisionLabel(
  trx: Knex.Transaction,
  d: { decisionId: number; action: string; queue: string | null; subjectType: string; subjectId: number; staffId: number; at: Date },
): Promise<void> {
  if (d.subjectType !== 'post') return;
  const label = labelForDecision(d.action, d.queue);
  if (!label) return;
  const post = await trx('posts').where({ id: d.subjectId }).first('model_version_id');
  await trx('training_labels').insert({
    source: 'decision',
    post_id: d.subjectId,
    decision_id: d.decisionId,
    staff_id: d.staffId,
    queue: d.queue,
    model_version_id: post?.model_version_id ?? null,
    spam: label.spam,
    promo: label.promo,
    labelled_at: d.at,
    created_at: d.at,
  });
}

/**
 * Labels for decisions stored in bulk (the demo's history), by the same mapping; decisions that
 * already have a label, reversals and automated decisions are left alone.
 */
export async function labelStoredDecisions(trx: Knex.Transaction): Promise<number> {
  const rows: Array<{
    id: number;
    action: string;
    queue: string | null;
    subject_id: number;
    staff_id: number;
    created_at: Date;
    model_version_id: number | null;
  }> = await trx('decisions as d')
    .leftJoin('flags as f', 'f.id', 'd.flag_id')
    .join('posts as p', 'p.id', 'd.subject_id')
    .where({ 'd.subject_type': 'post', 'd.automated': false })
    .whereNull('d.reverses_decision_id')
    .whereNull('d.reversed_at')
    .whereNotExists(trx('training_labels as l').whereRaw('l.decision_id = d.id'))
    .orderBy('d.id')
    .select('d.id', 'd.action', 'f.queue', 'd.subject_id', 'd.staff_id', 'd.created_at', 'p.model_version_id');
  const labels = rows.flatMap((d) => {
    const label = labelForDecision(d.action, d.queue);
    return label
      ? [
          {
            source: 'decision',
            post_id: d.subject_id,
            decision_id: d.id,
            staff_id: d.staff_id,
            queue: d.queue,
            model_version_id: d.model_version_id,
            spam: label.spam,
            promo: label.promo,
            labelled_at: d.created_at,
            created_at: d.created_at,
          },
        ]
      : [];
  });
  for (let i = 0; i < labels.length; i += 1000) await trx('training_labels').insert(labels.slice(i, i + 1000));
  return labels.length;
}

/** A reversed decision's label leaves the training set; the reversal writes its own through recordDecisionLabel. */
export async function retractDecisionLabel(trx: Knex.Transaction, decisionId: number, reversalId: number, at: Date): Promise<void> {
  await trx('training_labels')
    .where({ decision_id: decisionId })
    .whereNull('retracted_at')
    .update({ retracted_at: at, retracted_by_decision_id: reversalId });
}

/** The labels training reads: not retracted, each with its text (a decision's from its post as stored now). */
export async function trainingLabels(db: Knex): Promise<PlatformLabel[]> {
  const rows: Array<{
    id: number;
    text: string | null;
    title: string | null;
    body: string | null;
    spam: 0 | 1 | null;
    promo: 0 | 1 | null;
    queue: string | null;
    labelled_at: Date;
  }> = await db('training_labels as l')
    .leftJoin('posts as p', 'p.id', 'l.post_id')
    .whereNull('l.retracted_at')
    .orderBy([{ column: 'l.labelled_at' }, { column: 'l.id' }])
    .select('l.id', 'l.text', 'p.title', 'p.body', 'l.spam', 'l.promo', 'l.queue', 'l.labelled_at');
  return rows.flatMap((r) => {
    const text = r.text ?? (r.body ? (r.title ? `${r.title}\n${r.body}` : r.body) : null);
    return text ? [{ id: Number(r.id), text, spam: r.spam, promo: r.promo, queue: r.queue, labelledAt: r.labelled_at }] : [];
  });
}

// ---- import and export ----

export const MAX_IMPORT_ROWS = 100_000;
export { IMPORT_FORMATS } from '../../contract/schemas/models';
import { IMPORT_FORMATS } from '../../contract/schemas/models';
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const binary = z
  .union([z.literal(0), z.literal(1), z.boolean().transform((b) => (b ? 1 : 0))])
  .nullable()
  .optional();
const importRowSchema = z
  .object({
    id: z.string().trim().min(1).max(200).optional(),
    text: z.string().trim().min(1).max(20_000),
    spam: binary,
    promo: binary,
    queue: z.enum(QUEUES).nullable().optional(),
    labelledAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((r) => (r.spam ?? null) !== null || (r.promo ?? null) !== null, {
    message: 'a row must say spam or promo (0 or 1)',
    path: ['spam'],
  });

/** CSV cells are text: empty is absent, 0/1/true/false are what they say. */
function csvCell(value: string): unknown {
  const v = value.trim();
  if (v === '') return undefined;
  if (v === '0' || v.toLowerCase() === 'false') return 0;
  if (v === '1' || v.toLowerCase() === 'true') return 1;
  return v;
}

interface ParsedRow {
  line: number;
  raw: unknown;
}

function rowsOf(format: ImportFormat, content: string): { rows: ParsedRow[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const rows: ParsedRow[] = [];
  if (format === 'jsonl') {
    content.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        rows.push({ line: i + 1, raw: JSON.parse(line) });
      } catch {
        errors.push({ path: `line ${i + 1}`, message: 'not a JSON object' });
      }
    });
    return { rows, errors };
  }
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(content, { columns: true, skip_empty_lines: true, bom: true, info: true, relax_column_count: false }) as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { rows: [], errors: [{ path: line ? `line ${line}` : 'line 1', message: `not valid CSV: ${(err as Error).message}` }] };
  }
  for (const { record, info } of records) {
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      const cell = k === 'text' || k === 'id' ? (v === '' ? undefined : v) : csvCell(v);
      if (cell !== undefined) raw[k] = cell;
    }
    rows.push({ line: info.lines, raw });
  }
  return { rows, errors };
}

/**
 * Validates a whole file, then writes it in one transaction with its audit row: every row or
 * none. A bad row is named by its line (1-based, as an editor shows it).
 */
export async function importLabels(
  db: Db,
  input: { format: ImportFormat; content: string; actor: Actor; platform?: string; requestId?: string },
  now: Date,
) {
  const { rows, errors } = rowsOf(input.format, input.content);
  const valid: Array<{ line: number; row: z.infer<typeof importRowSchema> }> = [];
  for (const r of rows) {
    const parsed = importRowSchema.safeParse(r.raw);
    if (parsed.success) valid.push({ line: r.line, row: parsed.data });
    else
      for (const issue of parsed.error.issues)
        errors.push({ path: `line ${r.line}${issue.path.length ? `.${issue.path.join('.')}` : ''}`, message: issue.message });
  }
  if (errors.length) {
    const first = errors[0]!;
    throw problems.validation(errors.slice(0, 100), `Nothing was imported: ${first.path} is not a valid label (${first.message}).`);
  }
  if (valid.length === 0)
    throw problems.validation([{ path: 'line 1', message: 'the file holds no labels' }], 'Nothing was imported: the file holds no labels.');
  if (valid.length > MAX_IMPORT_ROWS)
    throw problems.validation([{ path: `line ${valid[MAX_IMPORT_ROWS]!.line}`, message: `at most ${MAX_IMPORT_ROWS} labels per file` }]);
  return db.transaction(async (trx) => {
    const [imp] = await trx('label_imports')
      .insert({
        format: input.format,
        rows: valid.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        staff_id: input.actor.kind === 'staff' ? input.actor.staffId : null,
        platform: input.platform ?? null,
        created_at: now,
      })
      .returning('id');
    for (let i = 0; i < valid.length; i += 1000) {
      await trx('training_labels').insert(
        valid.slice(i, i + 1000).map(({ row }) => ({
          source: 'import',
          text: row.text,
          spam: row.spam ?? null,
          promo: row.promo ?? null,
          queue: row.queue ?? null,
          external_id: row.id ?? null,
          import_id: imp.id,
          labelled_at: row.labelledAt ? new Date(row.labelledAt) : now,
          created_at: now,
        })),
      );
    }
    await appendAudit(trx, {
      actor: input.actor,
      action: 'labels.import',
      subjectType: 'label_import',
      subjectId: imp.id,
      detail: { format: input.format, rows: valid.length, platform: input.platform ?? null },
      requestId: input.requestId,
      at: now,
    });
    return { importId: imp.id as number, rows: valid.length };
  });
}

/** Every label not retracted, in the import format (so an export can be imported elsewhere); texts masked. */
export async function exportLabels(db: Db, format: ImportFormat): Promise<string> {
  const labels = await trainingLabels(db);
  const rows = labels.map((l) => ({
    id: `label-${l.id}`,
    text: maskPersonalData(l.text),
    spam: l.spam,
    promo: l.promo,
    queue: l.queue,
    labelledAt: l.labelledAt.toISOString(),
  }));
  if (format === 'jsonl')
    return (
      rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)))).join('\n') +
      (rows.length ? '\n' : '')
    );
  return '\uFEFF' + stringify(rows, { header: true, columns: ['id', 'text', 'spam', 'promo', 'queue', 'labelledAt'] });
}
