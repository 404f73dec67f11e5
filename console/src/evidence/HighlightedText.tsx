import { Box, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { evidenceSpans, type SpanKind } from './highlight';

const COLORS: Record<SpanKind, string> = { identifier: '#ffcdd2', link: '#bbdefb', disclosure: '#c8e6c9', matched: '#fff59d' };

export function HighlightedText({ text, matchedTerms, lang }: { text: string; matchedTerms: string[]; lang?: string }) {
  const translate = useTranslate();
  const spans = evidenceSpans(text, matchedTerms);
  const parts: React.ReactNode[] = [];
  let cursor = 0;
  spans.forEach((s, i) => {
    if (s.start > cursor) parts.push(text.slice(cursor, s.start));
    parts.push(
      <Tooltip key={i} title={translate(`app.evidence.kind.${s.kind}`)}>
        <Box component="mark" sx={{ bgcolor: COLORS[s.kind], px: 0.25, borderRadius: 0.5 }} data-evidence={s.kind}>
          {text.slice(s.start, s.end)}
        </Box>
      </Tooltip>,
    );
    cursor = s.end;
  });
  parts.push(text.slice(cursor));
  return (
    <Box sx={{ whiteSpace: 'pre-wrap', fontSize: '1.05rem', p: 2, bgcolor: 'action.hover', borderRadius: 1, maxWidth: 820 }} lang={lang}>
      {parts}
    </Box>
  );
}
