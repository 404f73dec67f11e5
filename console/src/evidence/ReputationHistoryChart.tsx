import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DATE_LOCALES } from '../i18n/dateLocales';
import { timeTicks } from '../common/chartScales';
import { dateFormat } from '../common/formatters';

export interface ReputationPoint {
  occurredAt: string;
  score: number;
  discussion?: number;
  commerce?: number;
  retractedAt: string | null;
}

/**
 * Reputation over real time: the x axis is a time scale, so a quiet month takes the width of a
 * month and a busy day the width of a day; steps, because a score changes only at an event.
 */
export function ReputationHistoryChart({ history, height = 160 }: { history: ReputationPoint[]; height?: number }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // The chart lays out its ticks by formatting many candidate dates on every render: one formatter, one data array.
  const points = useMemo(
    () => history.filter((h) => !h.retractedAt).map((h) => ({ ...h, t: new Date(h.occurredAt).getTime() })),
    [history],
  );
  const day = dateFormat(DATE_LOCALES[locale] ?? 'en-GB', { month: 'short', day: 'numeric' });
  if (points.length === 0) return null;
  const fmt = (t: number) => day.format(t);
  const first = Math.min(...points.map((p) => p.t));
  const last = Math.max(...points.map((p) => p.t));
  // Whole days or months, four at most: English month names are wider than Chinese dates.
  const ticks = timeTicks(first, last, 4);
  const both = points.some((p) => p.discussion !== undefined);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[first, Math.max(last, first + 1)]}
          ticks={ticks}
          tickFormatter={fmt}
          minTickGap={8}
        />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} />
        <Tooltip labelFormatter={(v) => fmt(Number(v))} formatter={(v) => Number(v).toFixed(0)} />
        {both && <Legend />}
        {both ? (
          <>
            <Line
              type="stepAfter"
              dataKey="discussion"
              name={translate('app.workbench.discussion')}
              stroke="#1565c0"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="stepAfter"
              dataKey="commerce"
              name={translate('app.workbench.commerce')}
              stroke="#ad1457"
              strokeDasharray="4 2"
              dot={false}
              isAnimationActive={false}
            />
          </>
        ) : (
          <Line type="stepAfter" dataKey="score" stroke="#1976d2" dot={false} isAnimationActive={false} />
        )}
      </LineChart>
    </ResponsiveContainer>
  );
}
