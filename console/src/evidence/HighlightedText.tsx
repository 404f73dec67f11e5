import { Box, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { evidenceSpans, nonOverlapping, type Span } from './highlight';

// Light backgrounds keep dark text above 4.5:1 contrast (axe checks it).
const COLORS: Record<string, string> = {
  identifier: '#ffcdd2',
  contact: '#f8bbd0',
  link: '#bbdefb',
  price: '#ffe0b2',
  disclosure: '#c8e6c9',
  brand: '#e1bee7',
  matched: '#fff59d',
};

/**
 * A member's text with its evidence marked. `spans` from the API (the disclosure verdict's
 * evidence) win when given; until then the spans come from the text facts the console can see.
 */
export function HighlightedText({
  text,
  matchedTerms = [],
  brands = [],
  spans,
  lang,
  compact = false,
}: {
  text: string;
  matchedTerms?: string[];
  brands?: string[];
  spans?: Span[];
  lang?: string;
  compact?: boolean;
}) {
  const translate = useTranslate();
  const marks = spans
    ? nonOverlapping(spans.filter((s) => s.start >= 0 && s.end <= text.length))
    : evidenceSpans(text, matchedTerms, brands);
  const parts: React.ReactNode[] = [];
  let cursor = 0;
  marks.forEach((s, i) => {
    if (s.start > cursor) parts.push(text.slice(cursor, s.start));
    const label = translate(`app.evidence.kind.${s.kind}`, { _: s.kind });
    parts.push(
      <Tooltip key={i} title={label}>
        <Box
          component="mark"
          sx={{ bgcolor: COLORS[s.kind] ?? '#fff59d', color: '#000', px: 0.25, borderRadius: 0.5 }}
          data-evidence={s.kind}
          aria-label={`${text.slice(s.start, s.end)} (${label})`}
        >
          {text.slice(s.start, s.end)}
        </Box>
      </Tooltip>,
    );
    cursor = s.end;
  });
  parts.push(text.slice(cursor));
  if (compact) return <span lang={lang}>{parts}</span>;
  return (
    <Box sx={{ whiteSpace: 'pre-wrap', fontSize: '1.05rem', p: 2, bgcolor: 'action.hover', borderRadius: 1 }} lang={lang}>
      {parts}
    </Box>
  );
}
