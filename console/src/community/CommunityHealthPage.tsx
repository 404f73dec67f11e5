import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { Link, Title, useCanAccess, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { callApi } from '../common/callApi';
import { ROUTES } from '../../../contract/routes';
import type { CommunityHealth } from '../../../contract/schemas/communityHealthReport';
import { DATE_LOCALES } from '../i18n/dateLocales';
import { timeTicks } from '../common/chartScales';
import { fractionToPercentText, parsePercent } from '../common/percent';
import { PercentInput } from '../common/PercentInput';

// GET /api/community-health's answer, as the contract describes it.
type Health = CommunityHealth;
type BoardHealth = CommunityHealth['boards'][number];

const pct = (v: number | null | undefined) => (v == null ? '–' : `${(v * 100).toFixed(0)}%`);

const SHARE_RANGE = { min: 1, max: 100 };

function ThresholdEditor({ board, onSaved }: { board: BoardHealth; onSaved: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [share, setShare] = useState(fractionToPercentText(board.threshold?.commercialShare));
  const [minPosts, setMinPosts] = useState(String(board.threshold?.minPosts ?? 20));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  // The API keeps the share as a fraction (0.25); people type a percentage (25), checked here per field.
  const parsed = parsePercent(share, SHARE_RANGE);
  const minPostsProblem = /^\d+$/.test(minPosts.trim()) && Number(minPosts) >= 1 ? null : translate('app.health.min_posts_invalid');
  const save = async () => {
    if (parsed.fraction === undefined || minPostsProblem) return;
    setServerErrors({});
    try {
      await callApi(ROUTES.thresholdSet, {
        params: { board: board.board },
        body: { commercialShare: parsed.fraction, minPosts: Number(minPosts) },
      });
      notify('app.health.threshold_saved', { type: 'success' });
      onSaved();
    } catch (err) {
      const errors = (err as { body?: { errors?: Record<string, string> } }).body?.errors;
      if (errors && Object.keys(errors).length) setServerErrors(errors);
      else notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'flex-start' }} data-testid={`threshold-${board.board}`}>
      <PercentInput
        label={translate('app.health.threshold_percent')}
        text={share}
        onChange={(v) => {
          setShare(v);
          setServerErrors({});
        }}
        parsed={parsed}
        range={SHARE_RANGE}
        serverError={serverErrors.commercialShare ? translate('app.percent.percent_range', SHARE_RANGE) : null}
      />
      <TextField
        size="small"
        type="number"
        label={translate('app.health.min_posts')}
        value={minPosts}
        onChange={(e) => setMinPosts(e.target.value)}
        error={!!minPostsProblem || !!serverErrors.minPosts}
        helperText={minPostsProblem ?? serverErrors.minPosts ?? ' '}
        slotProps={{ htmlInput: { min: 1 } }}
        sx={{ width: 150 }}
      />
      <Button variant="outlined" size="small" sx={{ mt: 0.5 }} disabled={parsed.fraction === undefined || !!minPostsProblem} onClick={save}>
        {translate('ra.action.save')}
      </Button>
    </Stack>
  );
}

function BoardCard({
  board,
  granularity,
  canEdit,
  onSaved,
}: {
  board: BoardHealth;
  granularity: 'hour' | 'day';
  canEdit: boolean;
  onSaved: () => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const fmt = (t: number) =>
    new Date(t).toLocaleString(
      DATE_LOCALES[locale] ?? 'en-GB',
      granularity === 'day' ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', hour: '2-digit' },
    );
  // Buckets on a time axis, so a gap in the series shows as a gap in time.
  const data = board.series.map((s) => ({
    t: new Date(s.bucket).getTime(),
    commercial: s.commercialShare == null ? null : s.commercialShare * 100,
    disclosed: s.disclosedShare == null ? null : s.disclosedShare * 100,
  }));
  const first = data.length ? Math.min(...data.map((d) => d.t)) : 0;
  const last = data.length ? Math.max(...data.map((d) => d.t)) : 1;
  const t = board.threshold;
  return (
    <Card>
      <CardHeader
        title={board.board}
        slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }}
        action={t?.alerted ? <Chip color="warning" size="small" label={translate('app.health.over_threshold')} /> : undefined}
        subheader={translate('app.health.last24h', {
          share: pct(board.last24h?.commercialShare),
          disclosed: pct(board.last24h?.disclosedShare),
          posts: board.last24h?.posts ?? 0,
        })}
      />
      <CardContent sx={{ pt: 0 }}>
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[first, Math.max(last, first + 1)]}
              ticks={timeTicks(first, last, 5)}
              tickFormatter={fmt}
            />
            <YAxis unit="%" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} interval={0} />
            <Tooltip labelFormatter={(t) => fmt(Number(t))} formatter={(v) => `${Number(v).toFixed(0)}%`} />
            <Legend />
            {/* Straight segments between measured buckets: a smoothed curve would invent values between them. */}
            <Line
              type="linear"
              dataKey="commercial"
              name={translate('app.health.commercial_share')}
              stroke="#e53935"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              type="linear"
              dataKey="disclosed"
              name={translate('app.health.disclosed_share')}
              stroke="#43a047"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            {t && (
              <ReferenceLine y={t.commercialShare * 100} stroke="#fb8c00" strokeDasharray="6 3" label={translate('app.health.threshold')} />
            )}
          </LineChart>
        </ResponsiveContainer>
        <Typography variant="body2" color="text.secondary">
          {translate('app.health.period', {
            posts: board.period.posts,
            share: pct(board.period.commercialShare),
            disclosed: pct(board.period.disclosedShare),
            vendor: pct(board.period.vendorShare),
            partnered: pct(board.period.partneredShare),
          })}
        </Typography>
        {canEdit && <ThresholdEditor board={board} onSaved={onSaved} />}
      </CardContent>
    </Card>
  );
}

/** Each board's commercial and disclosed shares against its threshold, kept on ingestion (GET /api/community-health). */
export function CommunityHealthPage() {
  const translate = useTranslate();
  const [granularity, setGranularity] = useState<'hour' | 'day'>('day');
  const queryClient = useQueryClient();
  // Thresholds are set by whoever may edit policies: admins and community managers.
  const { canAccess: canEdit } = useCanAccess({ resource: 'policies', action: 'edit' });
  const health = useQuery({
    queryKey: ['community-health', granularity],
    queryFn: async (): Promise<Health> => callApi(ROUTES.communityHealth, { query: { granularity } }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['community-health'] });
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('app.health.title')} />
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
        <Typography variant="h5" component="h1">
          {translate('app.health.title')}
        </Typography>
        <TextField
          select
          size="small"
          label={translate('app.health.granularity')}
          value={granularity}
          onChange={(e) => setGranularity(e.target.value as 'hour' | 'day')}
          sx={{ width: 200 }}
        >
          <MenuItem value="day">{translate('app.health.daily')}</MenuItem>
          <MenuItem value="hour">{translate('app.health.hourly')}</MenuItem>
        </TextField>
      </Stack>
      {health.error && <Alert severity="error">{health.error.message}</Alert>}
      {health.data && (
        <Grid container spacing={2}>
          {health.data.boards.map((b) => (
            <Grid key={b.board} size={{ xs: 12, md: 6 }}>
              <BoardCard board={b} granularity={granularity} canEdit={canEdit ?? false} onSaved={refresh} />
            </Grid>
          ))}
          <Grid size={{ xs: 12, md: 6 }}>
            <Card>
              <CardHeader title={translate('app.health.top_promoters')} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} />
              <CardContent sx={{ pt: 0 }}>
                <Table size="small" aria-label={translate('app.health.top_promoters')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('resources.accounts.fields.handle')}</TableCell>
                      <TableCell>{translate('resources.accounts.fields.type')}</TableCell>
                      <TableCell align="right">{translate('app.health.commercial_posts')}</TableCell>
                      <TableCell align="right">{translate('app.health.undisclosed_posts')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {health.data.topPromoters.map((p) => (
                      <TableRow key={p.accountId}>
                        <TableCell>
                          <Link to={`/accounts/${p.accountId}/show`}>{p.handle}</Link>
                        </TableCell>
                        <TableCell>{translate(`enums.account_type.${p.type}`)}</TableCell>
                        <TableCell align="right">{p.commercialPosts}</TableCell>
                        <TableCell align="right">{p.undisclosedPosts}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </CardContent>
            </Card>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <Card>
              <CardHeader title={translate('app.health.alerts')} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} />
              <CardContent sx={{ pt: 0 }}>
                {health.data.alerts.length === 0 ? (
                  <Typography variant="body2">{translate('app.related.none')}</Typography>
                ) : (
                  <Table size="small" aria-label={translate('app.health.alerts')}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{translate('app.health.board')}</TableCell>
                        <TableCell align="right">{translate('app.health.commercial_share')}</TableCell>
                        <TableCell align="right">{translate('app.health.threshold')}</TableCell>
                        <TableCell>{translate('app.health.flag')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {health.data.alerts.map((a) => (
                        <TableRow key={a.id}>
                          <TableCell>{a.board}</TableCell>
                          <TableCell align="right">{pct(a.share)}</TableCell>
                          <TableCell align="right">{pct(a.threshold)}</TableCell>
                          <TableCell>
                            <Link to={`/flags/${a.flagId}/show`}>#{a.flagId}</Link>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </CardContent>
            </Card>
          </Grid>
          {health.data.largeThreads.length > 0 && (
            <Grid size={12}>
              <Card>
                <CardHeader
                  title={translate('app.health.large_threads')}
                  slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }}
                />
                <CardContent sx={{ pt: 0 }}>
                  <Table size="small" aria-label={translate('app.health.large_threads')}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{translate('resources.posts.fields.title')}</TableCell>
                        <TableCell>{translate('app.health.board')}</TableCell>
                        <TableCell align="right">{translate('resources.posts.name', { smart_count: 2 })}</TableCell>
                        <TableCell align="right">{translate('app.health.commercial_share')}</TableCell>
                        <TableCell align="right">{translate('app.health.disclosed_share')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {health.data.largeThreads.map((th) => (
                        <TableRow key={th.threadId}>
                          <TableCell>
                            <Link to={`/posts/${th.threadId}/show`}>{th.title ?? `#${th.threadId}`}</Link>
                          </TableCell>
                          <TableCell>{th.board}</TableCell>
                          <TableCell align="right">{th.posts}</TableCell>
                          <TableCell align="right">{pct(th.commercialShare)}</TableCell>
                          <TableCell align="right">{pct(th.disclosedShare)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </CardContent>
              </Card>
            </Grid>
          )}
        </Grid>
      )}
    </Box>
  );
}
