import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import { toApiRow } from '../db/rows';
import type { NoteTemplateInput, NoteTemplateUpdate } from '../../contract/schemas/noteTemplates';
import type { Staff } from './moderationService';

export type NoteTemplateRow = { id: number; queue: string; slot: number; title: string; text_en: string; text_zh: string };

const SLOT_TAKEN = 'note_templates_queue_slot_unique';

/** A second template on a queue's slot is the person's mistake (409), not the server's. */
async function guardSlot<T>(work: () => Promise<T>, queue: string, slot: number): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (String((err as { constraint?: string; message?: string }).constraint ?? (err as Error).message).includes(SLOT_TAKEN)) {
      throw problems.conflict(`The ${queue} queue already has a template on key ${slot}.`, {
        errors: [{ path: 'slot', message: `key ${slot} is taken in this queue`, code: 'slot_taken' }],
      });
    }
    throw err;
  }
}

const audited = (row: Record<string, unknown>) => ({
  queue: row.queue,
  slot: row.slot,
  title: row.title,
  textEn: row.text_en,
  textZh: row.text_zh,
});

/** Canned decision notes, changed by community managers and admins; every change audited with what it was and is. */
export function noteTemplateService(db: Db) {
  return {
    async create(input: NoteTemplateInput, staff: Staff, now: Date): Promise<number> {
      return guardSlot(
        () =>
          db.transaction(async (trx) => {
            const [row] = await trx('note_templates')
              .insert({
                queue: input.queue,
                slot: input.slot,
                title: input.title,
                text_en: input.textEn,
                text_zh: input.textZh,
                created_by: staff.id,
                updated_by: staff.id,
                created_at: now,
                updated_at: now,
              })
              .returning('*');
            await appendAudit(trx, {
              actor: { kind: 'staff', staffId: staff.id },
              action: 'note_template.create',
              subjectType: 'note_template',
              subjectId: row.id,
              detail: { after: audited(row) },
              requestId: staff.requestId,
              at: now,
            });
            return Number(row.id);
          }),
        input.queue,
        input.slot,
      );
    },

    async update(id: number, input: NoteTemplateUpdate, staff: Staff, now: Date): Promise<void> {
      const queue = (await db('note_templates').where({ id }).first('queue'))?.queue ?? '';
      await guardSlot(
        () =>
          db.transaction(async (trx) => {
            const before = await trx('note_templates').where({ id }).forUpdate().first();
            if (!before) throw problems.notFound(`No note template with id ${id}.`);
            const [after] = await trx('note_templates')
              .where({ id })
              .update({
                slot: input.slot,
                title: input.title,
                text_en: input.textEn,
                text_zh: input.textZh,
                updated_by: staff.id,
                updated_at: now,
              })
              .returning('*');
            await appendAudit(trx, {
              actor: { kind: 'staff', staffId: staff.id },
              action: 'note_template.update',
              subjectType: 'note_template',
              subjectId: id,
              detail: { before: audited(before), after: audited(after) },
              requestId: staff.requestId,
              at: now,
            });
          }),
        queue,
        input.slot,
      );
    },

    async remove(id: number, staff: Staff, now: Date): Promise<Record<string, unknown>> {
      return db.transaction(async (trx) => {
        const before = await trx('note_templates').where({ id }).forUpdate().first();
        if (!before) throw problems.notFound(`No note template with id ${id}.`);
        // Decisions keep their note text; only the link to the template goes (ON DELETE SET NULL).
        await trx('note_templates').where({ id }).delete();
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: staff.id },
          action: 'note_template.delete',
          subjectType: 'note_template',
          subjectId: id,
          detail: { before: audited(before) },
          requestId: staff.requestId,
          at: now,
        });
        return toApiRow(before);
      });
    },
  };
}

/**
 * The note a member reads in their statement, in both languages. A template sent as it is keeps
 * both of its texts; once the moderator edits it, the edited text is what they decided with, in
 * either language.
 */
export function statementNote(note: string | undefined, template: NoteTemplateRow | null): { en: string; zh: string } | null {
  const text = note?.trim() ?? '';
  if (template && (text === '' || text === template.text_en.trim() || text === template.text_zh.trim()))
    return { en: template.text_en, zh: template.text_zh };
  return text ? { en: text, zh: text } : null;
}

/** The template a decision names, which must belong to the flag's queue. */
export async function templateForDecision(trx: Knex.Transaction, id: number | undefined, queue: string): Promise<NoteTemplateRow | null> {
  if (id === undefined) return null;
  const row: NoteTemplateRow | undefined = await trx('note_templates')
    .where({ id })
    .first('id', 'queue', 'slot', 'title', 'text_en', 'text_zh');
  if (!row || row.queue !== queue)
    throw problems.validation([
      { path: 'noteTemplateId', message: `No note template ${id} in the ${queue} queue.`, code: 'unknown_template' },
    ]);
  return row;
}
