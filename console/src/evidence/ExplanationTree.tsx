import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

const mark = (result: unknown) => (result === true ? '✓' : result === false ? '✗' : '·');
const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** A rule hit's explanation: each condition with the fact's value, the operator, the expected value and the result. */
export function ExplanationTree({ node, depth = 0 }: { node: unknown; depth?: number }) {
  const translate = useTranslate();
  if (!node || typeof node !== 'object') return null;
  const n = node as Record<string, unknown>;
  const pad = { pl: depth * 2 };
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(n[key])) {
      return (
        <Box sx={pad}>
          <Typography variant="body2" component="div" sx={{ fontWeight: 600 }}>
            {mark(n.result)} {translate(`app.evidence.${key}`)}
          </Typography>
          {(n[key] as unknown[]).map((child, i) => (
            <ExplanationTree key={i} node={child} depth={depth + 1} />
          ))}
        </Box>
      );
    }
  }
  if (n.not) {
    return (
      <Box sx={pad}>
        <Typography variant="body2" component="div" sx={{ fontWeight: 600 }}>
          {mark(n.result)} {translate('app.evidence.not')}
        </Typography>
        <ExplanationTree node={n.not} depth={depth + 1} />
      </Box>
    );
  }
  return (
    <Typography
      variant="body2"
      component="div"
      sx={{ ...pad, fontFamily: 'monospace', color: n.result === undefined ? 'text.disabled' : 'text.primary' }}
    >
      {mark(n.result)} {String(n.fact)}
      {n.path ? String(n.path) : ''} = {show(n.factValue)} <b>{String(n.operator)}</b> {show(n.valueResult ?? n.value)}
    </Typography>
  );
}
