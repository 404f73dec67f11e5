import { Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DATE_LOCALES } from '../i18n/i18nProvider';
import type { Dashboard } from '../../../contract/schemas/stats';

/** GET /api/stats/dashboard's answer, as the contract describes it. */
export type DashboardStats = Dashboard;

const QUEUE_COLORS: Record<string, string> = { spam: '#90a4ae', scam: '#e53935', contact_harvesting: '#fb8c00', fake_review: '#8e24aa', suspicious_order: '#3949ab', undisclosed_ad: '#43a047', community: '#00897b', member_reports: '#6d4c41' };

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
  const data = days.map((day) => Object.fromEntries([['day', day], ...queues.map((q) => [q, stats.flagsPerDay.find((r) => r.day === day && r.queue === q)?.n ?? 0])]));
  const fmt = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(DATE_LOCALES[locale] ?? 'en-GB', { month: 'short', day: 'numeric' });
  return (
    <ChartCard title={translate('app.dashboard.flags_per_day')}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tickFormatter={fmt} minTickGap={16} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(d) => fmt(String(d))} />
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
  const data = stats.decisionLatency.map((l) => ({ ...l, label: translate(`enums.queue.${l.queue}`), medianHours: l.medianMinutes / 60, p90Hours: l.p90Minutes / 60 }));
  return (
    <ChartCard title={translate('app.dashboard.latency')}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis unit="h" />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)} h`} />
          <Legend />
          <Bar dataKey="medianHours" name={translate('app.dashboard.median')} fill="#1976d2" isAnimationActive={false} />
          <Bar dataKey="p90Hours" name={translate('app.dashboard.p90')} fill="#90caf9" isAnimationActive={false} />
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
  const data = bins.map((b) => ({ label: `${Math.round(b.from * scale)}–${Math.round((b.from + 0.1) * scale)}`, n: b.n }));
  return (
    <ChartCard title={title}>
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={1} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="n" fill="#5c6bc0" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
