import { z } from 'zod';
import { NOTE_TEMPLATE_SLOTS, QUEUES } from '../enums';
import { safeString } from './common';

const text = (max: number) => safeString().trim().min(1, 'must not be empty').max(max);

/** A canned decision note: the same text in both languages, reached on the item page with `n` and its slot digit. */
export const noteTemplateCreateSchema = z.object({
  queue: z.enum(QUEUES),
  slot: z.number().int().min(1).max(NOTE_TEMPLATE_SLOTS),
  title: text(80),
  textEn: text(2000),
  textZh: text(2000),
});
export type NoteTemplateInput = z.infer<typeof noteTemplateCreateSchema>;

/** An edit keeps the template's queue; the rest of the record the console sends back is ignored. */
export const noteTemplateUpdateSchema = noteTemplateCreateSchema.omit({ queue: true });
export type NoteTemplateUpdate = z.infer<typeof noteTemplateUpdateSchema>;
