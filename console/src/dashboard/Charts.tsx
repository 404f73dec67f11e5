import { Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DATE_LOCALES } from '../i18n/dateLocales';
import { dayTime, niceTicks, timeTicks } from '../common/chartScales';
import type { Dashboard } from '../../../contract/schemas/stats';

const HALF_DAY = 43_200_000;

/** GET /api/stats/dashboard's answer, as the contract describes it. */
export type DashboardStats = Dashboard;

const QUEUE_COLORS: Record<string, string> = {
  spam: '#90a4ae',
  scam: '#e53935',
  contact_harvesting: '#fb8c00',
  fake_review: '#8e24aa',
  suspicious_order: '#3949ab',
  undisclosed_ad: '#43a047',
  community: '#00897b',
  member_reports: '#6d4c41',
};

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>{children}</CardContent>
    </Card>
  );
}

export function FlagsPerDayChart({ stats }: { stats: DashboardStats }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const queues = [...new Set(stats.flagsPerDay.map((r) => r.queue))];
  const days = [...new Set(stats.flagsPerDay.map((r) => r.day))].sort();
  // Days on a time axis: a day without flags keeps its width instead of vanishing from the axis.
  const data = days.map((day) =>
    Object.fromEntries([
      ['t', dayTime(day)],
      ...queues.map((q) => [q, stats.flagsPerDay.find((r) => r.day === day && r.queue === q)?.n ?? 0]),
    ]),
  );
  const fmt = (t: number) =>
    new Date(t).toLocaleDateString(DATE_LOCALES[locale] ?? 'en-GB', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const first = days.length ? dayTime(days[0]!) : 0;
  const last = days.length ? dayTime(days[days.length - 1]!) : 0;
  const maxTotal = Math.max(0, ...data.map((row) => queues.reduce((sum, q) => sum + Number(row[q] ?? 0), 0)));
  const yTicks = niceTicks(maxTotal);
  return (
    <ChartCard title={translate('app.dashboard.flags_per_day')}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[first - HALF_DAY, last + HALF_DAY]}
            ticks={timeTicks(first, last, 6)}
            tickFormatter={fmt}
          />
          <YAxis allowDecimals={false} domain={[0, yTicks[yTicks.length - 1]!]} ticks={yTicks} />
          <Tooltip labelFormatter={(t) => fmt(Number(t))} formatter={(v, q) => [v, translate(`enums.queue.${String(q)}`)]} />
          <Legend formatter={(q) => translate(`enums.queue.${q}`)} />
          {queues.map((q) => (
            <Bar key={q} dataKey={q} stackId="flags" fill={QUEUE_COLORS[q] ?? '#777'} name={q} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function LatencyChart({ stats }: { stats: DashboardStats }) {
  const translate = useTranslate();
  const data = stats.decisionLatency.map((l) => ({
    ...l,
    label: translate(`enums.queue.${l.queue}`),
    medianHours: l.medianMinutes / 60,
    p90Hours: l.p90Minutes / 60,
  }));
  const yTicks = niceTicks(Math.max(0, ...data.map((d) => d.p90Hours)), 5, false);
  // No space before the unit: a bar's label may be no wider than the bar, and "27 h" would wrap.
  const hours = (v: unknown) => `${Number(v) < 10 ? Number(v).toFixed(1) : Number(v).toFixed(0)}h`;
  // Every queue is named (labels turned, none skipped) and every bar carries its value.
  return (
    <ChartCard title={translate('app.dashboard.latency')}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 20, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" height={70} tick={{ fontSize: 11 }} />
          <YAxis unit="h" domain={[0, yTicks[yTicks.length - 1]!]} ticks={yTicks} />
          <Tooltip formatter={(v) => hours(v)} />
          <Legend />
          <Bar dataKey="medianHours" name={translate('app.dashboard.median')} fill="#1976d2" isAnimationActive={false}>
            <LabelList dataKey="medianHours" position="top" formatter={hours} style={{ fontSize: 10, fill: '#333' }} />
          </Bar>
          <Bar dataKey="p90Hours" name={translate('app.dashboard.p90')} fill="#90caf9" isAnimationActive={false}>
            <LabelList dataKey="p90Hours" position="top" formatter={hours} style={{ fontSize: 10, fill: '#333' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function RulePrecisionTable({ stats }: { stats: DashboardStats }) {
  const translate = useTranslate();
  return (
    <ChartCard title={translate('app.dashboard.rules')}>
      <Table size="small" aria-label={translate('app.dashboard.rules')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.rule-hits.fields.ruleName')}</TableCell>
            <TableCell align="right">{translate('app.dashboard.hits')}</TableCell>
            <TableCell align="right">{translate('app.dashboard.upheld')}</TableCell>
            <TableCell align="right">{translate('app.dashboard.approved')}</TableCell>
            <TableCell align="right">{translate('app.dashboard.precision')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {stats.rules.map((r) => (
            <TableRow key={r.rule}>
              <TableCell>{r.rule}</TableCell>
              <TableCell align="right">{r.hits}</TableCell>
              <TableCell align="right">{r.upheld}</TableCell>
              <TableCell align="right">{r.approved}</TableCell>
              <TableCell align="right">{r.precision === null ? '–' : `${Math.round(r.precision * 100)}%`}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ChartCard>
  );
}

export function DistributionChart({ title, bins, scale = 1 }: { title: string; bins: Array<{ from: number; n: number }>; scale?: number }) {
  const translate = useTranslate();
  const data = bins.map((b) => ({ label: `${Math.round(b.from * scale)}–${Math.round((b.from + 0.1) * scale)}`, n: b.n }));
  const yTicks = niceTicks(Math.max(0, ...data.map((d) => d.n)));
  return (
    <ChartCard title={title}>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" height={44} tick={{ fontSize: 10 }} />
          <YAxis allowDecimals={false} domain={[0, yTicks[yTicks.length - 1]!]} ticks={yTicks} />
          <Tooltip formatter={(v) => [v, translate('app.dashboard.items')]} />
          <Bar dataKey="n" name={translate('app.dashboard.items')} fill="#5c6bc0" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
