import { useState } from 'react';
import { Box, Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { httpClient } from '../dataProvider';
import { postJson } from './api';
import { JobProgress } from '../common/JobProgress';
import { DayRangeHint, DayRangeInputs, useDayRange } from '../common/DayRangeInputs';
import { dayTime, niceTicks, timeTicks } from '../common/chartScales';
import { DATE_LOCALES } from '../i18n/dateLocales';

interface Backtest {
  id: number;
  status: string;
  processed: number;
  total: number | null;
  error: string | null;
  result: {
    items: number;
    draft: { itemsMatched: number; rules: Array<{ rule: string; eventType: string; matches: number }> };
    published: { itemsMatched: number } | null;
    diff: {
      newlyMatched: number;
      noLongerMatched: number;
      samplesNew: Array<{ id: number; excerpt: string }>;
      samplesGone: Array<{ id: number; excerpt: string }>;
    } | null;
    decisions: {
      upheld: number;
      approved: number;
      caughtUpheld: number;
      matchedApproved: number;
      missedUpheld: number;
      precision: number | null;
      recall: number | null;
    };
    byDay: Array<{ day: string; draft: number; published: number }>;
  } | null;
}

/** Runs the draft over stored items as a job, shows progress, then what it would have done next to the version in force. */
export function BacktestPanel() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const range = useDayRange();
  const [locale] = useLocaleState();
  const [id, setId] = useState<number | null>(null);
  const { data } = useQuery({
    queryKey: ['backtest', id],
    queryFn: async () => (await httpClient(`/api/backtests/${id}`)).json as Backtest,
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 500),
  });
  if (!record) return null;
  const start = async () => {
    try {
      const created = (await postJson('/api/backtests', { policyId: record.id, ...range.period() })) as { id: number };
      setId(created.id);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const r = data?.result;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`);
  const byDay = (r?.byDay ?? []).map((d) => ({ ...d, t: dayTime(d.day) }));
  const first = byDay.length ? Math.min(...byDay.map((d) => d.t)) : 0;
  const last = byDay.length ? Math.max(...byDay.map((d) => d.t)) : 0;
  const yTicks = niceTicks(Math.max(0, ...byDay.map((d) => Math.max(d.draft, d.published))));
  const fmtDay = (t: number) =>
    new Date(t).toLocaleDateString(DATE_LOCALES[locale] ?? 'en-GB', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return (
    <Box sx={{ maxWidth: 900 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center' }}>
        <DayRangeInputs
          range={range}
          fromLabel={translate('resources.backtests.fields.windowStart')}
          toLabel={translate('resources.backtests.fields.windowEnd')}
        />
        <Button variant="outlined" onClick={start}>
          {translate('app.policies.backtest')}
        </Button>
      </Stack>
      <DayRangeHint />
      {data && <JobProgress job={data} testId="backtest-status" label={translate('app.policies.backtest_progress')} />}
      {r && (
        <Box>
          <Typography variant="body2" sx={{ my: 1 }}>
            {translate('app.policies.backtest_summary', {
              items: r.items,
              draft: r.draft.itemsMatched,
              published: r.published?.itemsMatched ?? '–',
              newly: r.diff?.newlyMatched ?? 0,
              gone: r.diff?.noLongerMatched ?? 0,
            })}
          </Typography>
          <Typography variant="body2">
            {translate('app.policies.backtest_decisions', {
              caught: r.decisions.caughtUpheld,
              upheld: r.decisions.upheld,
              approved: r.decisions.matchedApproved,
              precision: pct(r.decisions.precision),
              recall: pct(r.decisions.recall),
            })}
          </Typography>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={byDay}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[first - 43_200_000, last + 43_200_000]}
                ticks={timeTicks(first, last, 6)}
                tickFormatter={fmtDay}
              />
              <YAxis allowDecimals={false} domain={[0, yTicks[yTicks.length - 1]!]} ticks={yTicks} />
              <Tooltip labelFormatter={(t) => fmtDay(Number(t))} />
              <Legend />
              <Bar dataKey="draft" name={translate('app.policies.draft')} fill="#1976d2" isAnimationActive={false} />
              <Bar dataKey="published" name={translate('app.policies.in_force')} fill="#9e9e9e" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <Table size="small" aria-label={translate('app.policies.per_rule')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.rule-hits.fields.ruleName')}</TableCell>
                <TableCell>{translate('resources.rule-hits.fields.eventType')}</TableCell>
                <TableCell align="right">{translate('app.policies.matches')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {r.draft.rules.map((rule) => (
                <TableRow key={rule.rule}>
                  <TableCell>{rule.rule}</TableCell>
                  <TableCell>{translate(`enums.event_type.${rule.eventType}`, { _: rule.eventType })}</TableCell>
                  <TableCell align="right">{rule.matches}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {r.diff && r.diff.samplesNew.length > 0 && (
            <Box sx={{ my: 1 }}>
              <Typography variant="subtitle2">{translate('app.policies.samples_new')}</Typography>
              {r.diff.samplesNew.map((s) => (
                <Typography key={s.id} variant="body2">
                  #{s.id} {s.excerpt}
                </Typography>
              ))}
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}
