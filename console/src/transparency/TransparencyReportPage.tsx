import { useState } from 'react';
import { Box, Button, Card, CardContent, Grid, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useNotify, useTranslate } from 'react-admin';
import { httpClient } from '../dataProvider';
import { callApi } from '../common/callApi';
import { ROUTES } from '../../../contract/routes';
import type { TransparencyReportRow } from '../../../contract/schemas/transparency';
import { downloadFile } from '../common/downloadFile';
import { DayRangeHint, DayRangeInputs, useDayRange } from '../common/DayRangeInputs';
import { lastDayOfPeriod } from '../common/dayRange';

// The report row as the API returns it (contract/schemas/transparency.ts), with the error a failed job leaves.
type Report = TransparencyReportRow & { error: string | null };

function Section({ title, rows }: { title: string; rows: Array<[string, string | number]> }) {
  return (
    <Grid size={{ xs: 12, md: 6 }}>
      <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
        {title}
      </Typography>
      <Table size="small" aria-label={title}>
        <TableBody>
          {rows.map(([k, v]) => (
            <TableRow key={k}>
              <TableCell>{k}</TableCell>
              <TableCell align="right">{v}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Grid>
  );
}

/** The published counts for a period, on screen and on paper (the menu and bars are left out when printed), and as CSV. */
export function TransparencyReportPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const range = useDayRange();
  const [id, setId] = useState<number | null>(null);
  const { data } = useQuery({
    queryKey: ['transparency-report', id],
    queryFn: async () => (await httpClient(`/api/transparency-reports/${id}`)).json as Report,
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 500),
  });
  const start = async () => {
    try {
      const report = await callApi(ROUTES.transparencyReportCreate, { body: range.period() });
      setId(report.id);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const download = () => downloadFile(`/api/transparency-reports/${id}/csv`, `transparency-report-${id}.csv`);
  const r = data?.result;
  const label = (key: string, value: string) => translate(key, { _: value });
  const pct = (v: number | null) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);
  return (
    <Card sx={{ mt: 2 }} className="printable">
      <Title title={translate('app.transparency.title')} />
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', displayPrint: 'none' }}>
          <DayRangeInputs range={range} fromLabel={translate('app.compliance.from')} toLabel={translate('app.compliance.to')} />
          <Button variant="contained" onClick={start}>
            {translate('app.compliance.generate')}
          </Button>
          {r && (
            <>
              <Button variant="outlined" onClick={download}>
                {translate('app.compliance.download')}
              </Button>
              <Button variant="outlined" onClick={() => window.print()}>
                {translate('app.transparency.print')}
              </Button>
            </>
          )}
        </Stack>
        <DayRangeHint />
        {data && !r && (
          <Typography data-testid="transparency-status" sx={{ mt: 2 }}>
            {translate(`enums.backtest_status.${data.status}`, { _: data.status })} {data.error ?? ''}
          </Typography>
        )}
        {r && (
          <Box data-testid="transparency-report">
            <Typography variant="h5" component="h1" sx={{ mt: 2 }}>
              {translate('app.transparency.heading', { from: r.period.from.slice(0, 10), to: lastDayOfPeriod(r.period.to) })}
            </Typography>
            <Grid container spacing={2}>
              <Section
                title={translate('app.transparency.reports', { n: r.reports.total })}
                rows={Object.entries(r.reports.byReason).map(([k, v]) => [label(`enums.report_reason.${k}`, k), v])}
              />
              <Section
                title={translate('app.transparency.decisions', { n: r.decisions.total })}
                rows={[
                  [translate('app.transparency.human'), r.decisions.human],
                  [translate('app.transparency.automated'), r.decisions.automated],
                  ...Object.entries(r.decisions.byAction).map(([k, v]) => [label(`enums.decision_action.${k}`, k), v] as [string, number]),
                ]}
              />
              <Section
                title={translate('app.transparency.grounds')}
                rows={r.decisions.byGround.map((g) => [`${g.automated ? '⚙ ' : ''}${g.ground}`, g.n])}
              />
              <Section
                title={translate('app.transparency.time')}
                rows={[
                  [translate('app.transparency.decided'), r.timeToDecision.decided],
                  [translate('app.transparency.median'), r.timeToDecision.medianHours ?? '–'],
                  [translate('app.transparency.p90'), r.timeToDecision.p90Hours ?? '–'],
                ]}
              />
              <Section
                title={translate('app.transparency.appeals')}
                rows={[
                  [translate('app.transparency.filed'), r.appeals.filed],
                  [label('enums.appeal_status.upheld', 'upheld'), r.appeals.upheld],
                  [label('enums.appeal_status.rejected', 'rejected'), r.appeals.rejected],
                  [label('enums.appeal_status.open', 'open'), r.appeals.open],
                  [translate('app.transparency.reversals'), r.appeals.reversals],
                  [translate('app.transparency.reversal_share'), pct(r.appeals.reversalShareOfHumanDecisions)],
                ]}
              />
              <Section
                title={translate('app.transparency.undisclosed')}
                rows={[
                  [translate('app.transparency.cases'), r.undisclosedAds.casesFound],
                  [translate('app.transparency.remediated'), r.undisclosedAds.remediated],
                  [translate('app.transparency.judged'), r.undisclosedAds.postsJudgedUndisclosed],
                  [translate('app.transparency.orders'), r.undisclosedAds.ordersFromUndisclosed],
                ]}
              />
            </Grid>
            <Typography variant="caption" component="p" sx={{ mt: 2 }}>
              {translate('app.transparency.generated', { at: r.generatedAt })}
            </Typography>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
