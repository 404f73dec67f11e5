import { Box, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A span of the text the disclosure verdict relied on (UTF-16 offsets, as the API returns them). */
export interface EvidenceSpan {
  start: number;
  end: number;
  kind: string;
}

const COLORS: Record<string, string> = {
  marker: '#c8e6c9',
  weak_marker: '#fff9c4',
  not_marker: '#e0e0e0',
  brand: '#e1bee7',
  link: '#bbdefb',
  code: '#ffe0b2',
  price: '#ffe0b2',
  missing_marker: '#ffcdd2',
};

/**
 * Text with the verdict's evidence marked. Overlapping spans keep the earlier, longer one; a
 * missing marker (an empty span) shows as a small label where the disclosure belonged.
 */
export function EvidenceText({ text, spans, lang }: { text: string; spans: readonly EvidenceSpan[]; lang?: string }) {
  const translate = useTranslate();
  const sorted = [...spans]
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end >= s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: React.ReactNode[] = [];
  let cursor = 0;
  sorted.forEach((s, i) => {
    if (s.start < cursor) return;
    if (s.start > cursor) parts.push(text.slice(cursor, s.start));
    const label = translate(`app.disclosure.span.${s.kind}`, { _: s.kind });
    parts.push(
      <Tooltip key={i} title={label}>
        <Box
          component="mark"
          data-evidence={s.kind}
          aria-label={s.end === s.start ? label : undefined}
          sx={{ bgcolor: COLORS[s.kind] ?? '#fff59d', px: 0.25, borderRadius: 0.5 }}
        >
          {s.end === s.start ? `⟨${label}⟩` : text.slice(s.start, s.end)}
        </Box>
      </Tooltip>,
    );
    cursor = s.end;
  });
  parts.push(text.slice(cursor));
  return (
    <Box sx={{ whiteSpace: 'pre-wrap', p: 1, bgcolor: 'action.hover', borderRadius: 1, maxWidth: 820 }} lang={lang}>
      {parts}
    </Box>
  );
}
