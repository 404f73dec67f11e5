import { Card, CardContent, CardHeader, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useDataProvider, useGetIdentity, useLocaleState, useTranslate } from 'react-admin';
import { QUEUES } from '../../../contract/enums';
import { DATE_LOCALES } from '../i18n/dateLocales';
import { callApi } from '../common/callApi';
import { ROUTES } from '../../../contract/routes';
import { DistributionChart, FlagsPerDayChart, LatencyChart, RulePrecisionTable } from './Charts';

interface QueueRow {
  queue: string;
  open: number;
  oldest: string | null;
}

function useQueueSummary() {
  const dataProvider = useDataProvider();
  return useQuery({
    queryKey: ['dashboard', 'queues'],
    queryFn: async (): Promise<QueueRow[]> =>
      Promise.all(
        QUEUES.map(async (queue) => {
          const { data, total } = await dataProvider.getList('flags', {
            filter: { status: 'open', queue },
            sort: { field: 'createdAt', order: 'ASC' },
            pagination: { page: 1, perPage: 1 },
          });
          return { queue, open: total ?? 0, oldest: (data[0]?.createdAt as string | undefined) ?? null };
        }),
      ),
    refetchInterval: 30_000,
  });
}

function useRecentCount(resource: string, dateField: string) {
  const dataProvider = useDataProvider();
  return useQuery({
    queryKey: ['dashboard', 'recent', resource],
    queryFn: async () => {
      const since = new Date(Date.now() - 86_400_000).toISOString();
      const { total } = await dataProvider.getList(resource, {
        filter: { [`${dateField}_gte`]: since },
        sort: { field: 'id', order: 'ASC' },
        pagination: { page: 1, perPage: 1 },
      });
      return total ?? 0;
    },
    refetchInterval: 60_000,
  });
}

function Stat({ label, value }: { label: string; value: number | undefined }) {
  return (
    <Card>
      <CardContent>
        <Typography variant="overline" component="h2">
          {label}
        </Typography>
        <Typography variant="h4" component="p">
          {value ?? '…'}
        </Typography>
      </CardContent>
    </Card>
  );
}

function useDashboardStats() {
  return useQuery({
    queryKey: ['dashboard', 'stats'],
    queryFn: async () => callApi(ROUTES.dashboard, { query: { days: 30 } }),
    refetchInterval: 60_000,
  });
}

export function Dashboard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity } = useGetIdentity();
  const queues = useQueueSummary();
  const posts = useRecentCount('posts', 'postedAt');
  const orders = useRecentCount('transactions', 'orderedAt');
  const decisions = useRecentCount('decisions', 'createdAt');
  const stats = useDashboardStats();
  const fmt = (iso: string) => new Date(iso).toLocaleString(DATE_LOCALES[locale] ?? 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Grid container spacing={2} sx={{ mt: 1 }}>
      <Grid size={12}>
        <Typography variant="h5" component="h1">
          {translate('app.dashboard.welcome', { name: identity?.fullName ?? '' })}
        </Typography>
        <Typography color="text.secondary">{translate('app.dashboard.intro')}</Typography>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Stat label={translate('app.dashboard.posts_today')} value={posts.data} />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Stat label={translate('app.dashboard.orders_today')} value={orders.data} />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Stat label={translate('app.dashboard.decisions_today')} value={decisions.data} />
      </Grid>
      <Grid size={12}>
        <Card>
          <CardHeader title={translate('app.dashboard.open_flags')} />
          <Table size="small" aria-label={translate('app.dashboard.open_flags')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.dashboard.queue')}</TableCell>
                <TableCell align="right">{translate('app.dashboard.open_flags')}</TableCell>
                <TableCell>{translate('app.dashboard.oldest')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(queues.data ?? []).map((q) => (
                <TableRow key={q.queue}>
                  <TableCell>
                    <Link to={`/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue: q.queue }))}`}>
                      {translate(`enums.queue.${q.queue}`)}
                    </Link>
                  </TableCell>
                  <TableCell align="right">{q.open}</TableCell>
                  <TableCell>{q.oldest ? fmt(q.oldest) : translate('app.dashboard.none')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      </Grid>
      {stats.data && (
        <>
          <Grid size={{ xs: 12, lg: 8 }}>
            <FlagsPerDayChart stats={stats.data} />
          </Grid>
          <Grid size={{ xs: 12, lg: 4 }}>
            <LatencyChart stats={stats.data} />
          </Grid>
          <Grid size={{ xs: 12, lg: 6 }}>
            <RulePrecisionTable stats={stats.data} />
          </Grid>
          <Grid size={{ xs: 12, lg: 6 }}>
            <Grid container spacing={2}>
              <Grid size={12}>
                <DistributionChart title={translate('app.dashboard.spam_scores')} bins={stats.data.scores.spam} scale={100} />
              </Grid>
              <Grid size={12}>
                <DistributionChart title={translate('app.dashboard.promo_scores')} bins={stats.data.scores.promo} scale={100} />
              </Grid>
              <Grid size={12}>
                <DistributionChart title={translate('app.dashboard.reputation')} bins={stats.data.reputation} scale={100} />
              </Grid>
            </Grid>
          </Grid>
        </>
      )}
    </Grid>
  );
}
