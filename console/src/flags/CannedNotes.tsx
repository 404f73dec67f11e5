import type { RefObject } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';

export type NoteTemplate = { id: number; queue: string; slot: number; title: string; textEn: string; textZh: string };

/** A queue's canned notes in key order; at most nine, one per digit. */
export function useNoteTemplates(queue: string | undefined) {
  const { data } = useGetList<NoteTemplate>(
    'note-templates',
    { filter: { queue }, sort: { field: 'slot', order: 'ASC' }, pagination: { page: 1, perPage: 9 } },
    { enabled: !!queue },
  );
  return data ?? [];
}

/** A template's text in the language the console speaks. */
export function useTemplateText() {
  const [locale] = useLocaleState();
  return (t: NoteTemplate) => (locale === 'zh' ? t.textZh : t.textEn);
}

/**
 * The decision note: a canned note picked with `n` and its digit (or a click) fills the field,
 * where it can be edited before the decision sends it; it goes into the member's statement.
 */
export function CannedNotes({
  templates,
  note,
  templateId,
  picking,
  inputRef,
  onPick,
  onChange,
}: {
  templates: NoteTemplate[];
  note: string;
  templateId: number | null;
  picking: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onPick(t: NoteTemplate): void;
  onChange(text: string): void;
}) {
  const translate = useTranslate();
  const picked = templates.find((t) => t.id === templateId);
  return (
    <Box component="section" aria-labelledby="wb-note">
      <Typography variant="subtitle2" component="h3" id="wb-note" sx={{ mb: 0.5 }}>
        {translate('app.notes.title')}
      </Typography>
      {picking && (
        <Alert severity="info" role="status" sx={{ mb: 1 }}>
          {templates.length
            ? translate('app.notes.picking', { max: templates.length === 1 ? 1 : templates[templates.length - 1]!.slot })
            : translate('app.notes.none')}
        </Alert>
      )}
      {templates.length > 0 ? (
        <Stack
          direction="row"
          spacing={1}
          sx={{ flexWrap: 'wrap', rowGap: 1, mb: 1 }}
          role="group"
          aria-label={translate('resources.note-templates.name', { smart_count: 2 })}
        >
          {templates.map((t) => (
            <Button
              key={t.id}
              size="small"
              variant={t.id === templateId ? 'contained' : 'outlined'}
              onClick={() => onPick(t)}
              aria-keyshortcuts={`n ${t.slot}`}
              data-template-slot={t.slot}
            >
              {t.slot} · {t.title}
            </Button>
          ))}
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('app.notes.none')}
        </Typography>
      )}
      <TextField
        inputRef={inputRef}
        label={translate('app.notes.label')}
        value={note}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          // Esc leaves the field, so the decision keys work again without reaching for the mouse.
          if (e.key === 'Escape') (e.target as HTMLElement).blur();
        }}
        multiline
        minRows={2}
        maxRows={8}
        fullWidth
        size="small"
        slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'decision-note' } }}
      />
      <Box sx={{ mt: 0.5 }}>
        <Typography variant="caption" color="text.secondary" component="div">
          {picked ? translate('app.notes.from', { slot: picked.slot, title: picked.title }) + ' · ' : ''}
          {translate('app.notes.pick_hint')}
        </Typography>
      </Box>
    </Box>
  );
}
