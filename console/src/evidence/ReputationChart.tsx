import { Card, CardContent, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { httpClient } from '../dataProvider';
import { DATE_LOCALES } from '../i18n/i18nProvider';

interface ReputationView {
  score: number;
  confidence: number;
  components: Record<'discussion' | 'commerce', { score: number; confidence: number }>;
  history: Array<{ occurredAt: string; score: number; causeType: string; weight: number; retractedAt: string | null }>;
}

/** The author's reputation over time, from the evidence that built it. */
export function ReputationChart({ accountId }: { accountId: number }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data } = useQuery({
    queryKey: ['reputation', accountId],
    queryFn: async () => (await httpClient(`/api/accounts/${accountId}/reputation`)).json as ReputationView,
  });
  if (!data) return null;
  const fmt = (iso: string) => new Date(iso).toLocaleDateString(DATE_LOCALES[locale] ?? 'en-GB', { month: 'short', day: 'numeric' });
  return (
    <Card variant="outlined" sx={{ maxWidth: 820 }}>
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          {translate('app.evidence.reputation', { score: data.score.toFixed(0), confidence: (data.confidence * 100).toFixed(0) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.evidence.components', {
            discussion: (data.components.discussion.score * 100).toFixed(0),
            commerce: (data.components.commerce.score * 100).toFixed(0),
          })}
        </Typography>
        {data.history.length > 0 && (
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={data.history.filter((h) => !h.retractedAt)} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="occurredAt" tickFormatter={fmt} minTickGap={24} />
              <YAxis domain={[0, 100]} />
              <Tooltip labelFormatter={(v) => fmt(String(v))} />
              <Line type="stepAfter" dataKey="score" stroke="#1976d2" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </CardContent>
    </Card>
  );
}
