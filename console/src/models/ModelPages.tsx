import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  DataTable,
  FunctionField,
  List,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/fields';
import { httpClient } from '../dataProvider';

type Metrics = { n: number; positives: number; precision: number; recall: number; f1: number };
interface HeadComparison {
  head: string;
  n: number;
  positives: number;
  candidate: Metrics;
  active: Metrics | null;
  curve?: {
    candidate: Array<{ threshold: number; precision: number; recall: number }>;
    active: Array<{ threshold: number; precision: number; recall: number }> | null;
  };
}
interface Evaluation {
  split: { train: number; calibration: number; evaluation: number };
  heads: HeadComparison[];
  queues: Array<{
    queue: string;
    head: string;
    n: number;
    candidate: { flagged: number; precision: number | null };
    active: { flagged: number; precision: number | null } | null;
  }>;
  disagreements: Array<{
    labelId: number;
    text: string;
    queue: string | null;
    head: string;
    label: 0 | 1;
    candidate: number;
    active: number;
  }>;
  corpora: Array<{ source: string; head: string; candidate: Metrics; active: Metrics | null }>;
  thresholdsFrom?: Record<string, string>;
  activeVersion: string | null;
}
interface Version {
  id: number;
  version: string;
  status: string;
  thresholds: Record<string, number>;
  metrics: { heads?: HeadComparison[] };
  trainingData: { hash?: string; sources?: Record<string, { rows: number; spam: number; promo: number; hash?: string }> };
  trainingConfig: Record<string, unknown>;
  evaluation?: Evaluation | null;
  previousActiveId: number | null;
}

const fmt = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '–');
const post = async (url: string, body: unknown = {}) => (await httpClient(url, { method: 'POST', body: JSON.stringify(body) })).json;

function StatusChip() {
  const record = useRecordContext<Version>();
  const translate = useTranslate();
  if (!record) return null;
  const color = record.status === 'active' ? 'success' : record.status === 'shadow' ? 'info' : 'default';
  return (
    <Chip size="small" color={color} label={translate(`enums.model_status.${record.status}`)} data-testid={`model-status-${record.id}`} />
  );
}

/** F1 per head on the newest labels, as measured when the version was trained. */
function HeadlineF1() {
  const record = useRecordContext<Version>();
  const translate = useTranslate();
  const heads = (record?.metrics?.heads ?? []).filter((h) => h.n > 0);
  if (heads.length === 0) return <span>–</span>;
  return <span>{heads.map((h) => `${translate(`enums.model_head.${h.head}`)} ${fmt(h.candidate.f1)}`).join(' · ')}</span>;
}

function LabelsTrainedOn() {
  const record = useRecordContext<Version>();
  return <span>{record?.trainingData?.sources?.platform?.rows ?? 0}</span>;
}

/** The newest training run, polled while it works. */
function useLatestRun() {
  return useQuery({
    queryKey: ['model-training-runs', 'latest'],
    queryFn: async () =>
      (
        (await httpClient('/api/model-training-runs?sort=["id","DESC"]&range=[0,0]')).json as Array<{
          id: number;
          status: string;
          stage: string;
          progress: number;
          error: string | null;
          candidateId: number | null;
        }>
      )[0] ?? null,
    refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false),
  });
}

function TrainPanel() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'model-versions', action: 'create' });
  const run = useLatestRun();
  const [open, setOpen] = useState(false);
  const [labelWeight, setLabelWeight] = useState('3');
  const [holdout, setHoldout] = useState('0.2');
  const start = async () => {
    setOpen(false);
    try {
      await post('/api/model-training-runs', { labelWeight: Number(labelWeight), holdoutFraction: Number(holdout) });
      await run.refetch();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const r = run.data;
  const working = !!r && ['queued', 'running'].includes(r.status);
  // A finished run adds a candidate to the list below.
  useEffect(() => {
    if (r?.status === 'succeeded') refresh();
  }, [r?.id, r?.status, refresh]);
  return (
    <Box sx={{ px: 2, py: 1 }}>
      {canAccess && (
        <Button variant="contained" disabled={working} onClick={() => setOpen(true)}>
          {translate('app.models.train')}
        </Button>
      )}
      {r && (
        <Box sx={{ my: 1, maxWidth: 600 }}>
          <Typography variant="body2" data-testid="training-run">
            {r.status === 'failed'
              ? translate('app.models.run_failed', { id: r.id, error: r.error ?? '' })
              : translate('app.models.run', {
                  id: r.id,
                  stage: `${translate(`enums.training_run_status.${r.status}`)} · ${r.stage ?? ''}`,
                })}
          </Typography>
          <LinearProgress variant="determinate" value={Math.round(100 * (r.progress ?? 0))} aria-label={translate('app.models.progress')} />
        </Box>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="train-title">
        <DialogTitle id="train-title">{translate('app.models.train_title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">{translate('app.models.train_help')}</Typography>
          <MuiTextField
            label={translate('app.models.label_weight')}
            type="number"
            value={labelWeight}
            onChange={(e) => setLabelWeight(e.target.value)}
            margin="normal"
            fullWidth
            slotProps={{ htmlInput: { min: 0, max: 100, step: 0.5 } }}
          />
          <MuiTextField
            label={translate('app.models.holdout')}
            type="number"
            value={holdout}
            onChange={(e) => setHoldout(e.target.value)}
            margin="normal"
            fullWidth
            slotProps={{ htmlInput: { min: 0.02, max: 0.5, step: 0.05 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('app.models.cancel')}</Button>
          <Button variant="contained" onClick={start}>
            {translate('app.models.start')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

export function ModelList() {
  return (
    <List sort={{ field: 'id', order: 'DESC' }} actions={<TopToolbar />}>
      <TrainPanel />
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="version" />
        <DataTable.Col source="status" field={StatusChip} />
        <DataTable.Col source="metrics" disableSort field={HeadlineF1} />
        <DataTable.Col source="trainingData" disableSort field={LabelsTrainedOn} />
        <DataTable.Col source="createdAt" field={LocaleDateField} />
        <DataTable.Col source="activatedAt" field={() => <LocaleDateField source="activatedAt" emptyText="–" />} />
      </DataTable>
    </List>
  );
}

type Pending = { kind: 'shadow' | 'promote' | 'retire' | 'rollback'; to?: { id: number; version: string } } | null;

/** Shadow, promote, retire, roll back: each confirmed in a dialog that names the figures, and audited by the server. */
function LifecycleActions() {
  const record = useRecordContext<Version>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'model-versions', action: 'edit' });
  const [pending, setPending] = useState<Pending>(null);
  const previous = useQuery({
    queryKey: ['model-versions', record?.previousActiveId],
    queryFn: async () => (await httpClient(`/api/model-versions/${record!.previousActiveId}`)).json as Version,
    enabled: !!record?.previousActiveId && record.status === 'active',
  });
  if (!record || !canAccess) return null;
  const heads = (record.evaluation?.heads ?? record.metrics?.heads ?? []).filter((h) => h.n > 0);
  const confirm = async () => {
    if (!pending) return;
    try {
      if (pending.kind === 'rollback') await post('/api/model-versions/rollback', { confirmVersion: pending.to!.version });
      else if (pending.kind === 'promote') await post(`/api/model-versions/${record.id}/promote`, { confirmVersion: record.version });
      else await post(`/api/model-versions/${record.id}/${pending.kind}`);
      notify(
        translate('app.models.done', {
          version: pending.to?.version ?? record.version,
          status: translate(
            `enums.model_status.${pending.kind === 'shadow' ? 'shadow' : pending.kind === 'retire' ? 'retired' : 'active'}`,
          ),
        }),
        { type: 'success' },
      );
      refresh();
    } catch (err) {
      const body = (err as { body?: { detail?: string } }).body;
      notify(body?.detail ?? (err as Error).message, { type: 'error' });
    }
    setPending(null);
  };
  const message =
    pending?.kind === 'rollback'
      ? translate('app.models.confirm_rollback', { from: record.version, to: pending.to!.version })
      : pending
        ? translate(`app.models.confirm_${pending.kind}`, { version: record.version })
        : '';
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }}>
      {['candidate', 'retired'].includes(record.status) && (
        <Button variant="outlined" onClick={() => setPending({ kind: 'shadow' })}>
          {translate('app.models.shadow')}
        </Button>
      )}
      {record.status !== 'active' && (
        <Button variant="contained" onClick={() => setPending({ kind: 'promote' })}>
          {translate('app.models.promote')}
        </Button>
      )}
      {['candidate', 'shadow'].includes(record.status) && (
        <Button color="warning" onClick={() => setPending({ kind: 'retire' })}>
          {translate('app.models.retire')}
        </Button>
      )}
      {record.status === 'active' && previous.data && (
        <Button
          variant="outlined"
          color="warning"
          onClick={() => setPending({ kind: 'rollback', to: { id: previous.data.id, version: previous.data.version } })}
        >
          {translate('app.models.rollback')} → {previous.data.version}
        </Button>
      )}
      <Dialog open={!!pending} onClose={() => setPending(null)} aria-labelledby="confirm-model-title">
        <DialogTitle id="confirm-model-title">{translate('app.models.confirm_title')}</DialogTitle>
        <DialogContent>
          <Typography data-testid="confirm-model-message">{message}</Typography>
          {pending?.kind !== 'rollback' && heads.length > 0 && (
            <>
              <Typography variant="body2" sx={{ mt: 2 }}>
                {translate('app.models.confirm_figures', { n: heads.map((h) => h.n).join(' / ') })}
              </Typography>
              <Table size="small" data-testid="confirm-figures">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('app.models.head')}</TableCell>
                    <TableCell>{translate('app.models.precision')}</TableCell>
                    <TableCell>{translate('app.models.recall')}</TableCell>
                    <TableCell>{translate('app.models.f1')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {heads.map((h) => (
                    <TableRow key={h.head}>
                      <TableCell>{translate(`enums.model_head.${h.head}`)}</TableCell>
                      <TableCell>
                        {fmt(h.candidate.precision)} / {fmt(h.active?.precision)}
                      </TableCell>
                      <TableCell>
                        {fmt(h.candidate.recall)} / {fmt(h.active?.recall)}
                      </TableCell>
                      <TableCell>
                        {fmt(h.candidate.f1)} / {fmt(h.active?.f1)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPending(null)}>{translate('app.models.cancel')}</Button>
          <Button variant="contained" onClick={confirm}>
            {translate('app.models.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box sx={{ my: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Side by side on the newest labels: figures per head, PR curves, per-queue precision, disagreements, corpora. */
function Comparison() {
  const record = useRecordContext<Version>();
  const translate = useTranslate();
  const e = record?.evaluation;
  if (!record) return null;
  if (!e) return <Typography variant="body2">{translate('app.models.no_evaluation')}</Typography>;
  const heads = e.heads.filter((h) => h.n > 0);
  return (
    <Box data-testid="model-comparison">
      <Section title={translate('app.models.figures')}>
        <Typography variant="body2">{translate('app.models.split', e.split)}</Typography>
        <Table size="small" sx={{ maxWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.models.head')}</TableCell>
              <TableCell>{translate('app.models.n')}</TableCell>
              <TableCell>{translate('app.models.positives')}</TableCell>
              <TableCell>
                {translate('app.models.precision')} ({translate('app.models.candidate')} / {translate('app.models.active')})
              </TableCell>
              <TableCell>{translate('app.models.recall')}</TableCell>
              <TableCell>{translate('app.models.f1')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {heads.map((h) => (
              <TableRow key={h.head}>
                <TableCell>{translate(`enums.model_head.${h.head}`)}</TableCell>
                <TableCell>{h.n}</TableCell>
                <TableCell>{h.positives}</TableCell>
                <TableCell>
                  {fmt(h.candidate.precision)} / {fmt(h.active?.precision)}
                </TableCell>
                <TableCell>
                  {fmt(h.candidate.recall)} / {fmt(h.active?.recall)}
                </TableCell>
                <TableCell>
                  {fmt(h.candidate.f1)} / {fmt(h.active?.f1)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title={translate('app.models.pr_curves')}>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
          {heads.map((h) => {
            const data = (h.curve?.candidate ?? []).map((c, i) => ({
              threshold: c.threshold,
              candidate: c.precision,
              candidateRecall: c.recall,
              active: h.curve?.active?.[i]?.precision ?? null,
              activeRecall: h.curve?.active?.[i]?.recall ?? null,
            }));
            return (
              <Box
                key={h.head}
                sx={{ width: 380, height: 260 }}
                role="img"
                aria-label={translate('app.models.pr_curve', { head: translate(`enums.model_head.${h.head}`) })}
              >
                <Typography variant="body2">
                  {translate('app.models.pr_curve', { head: translate(`enums.model_head.${h.head}`) })}
                </Typography>
                <ResponsiveContainer width="100%" height="90%">
                  <LineChart data={data}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="threshold" type="number" domain={[0, 1]} />
                    <YAxis domain={[0, 1]} />
                    <Tooltip />
                    <Legend />
                    <Line
                      dataKey="candidate"
                      name={`${translate('app.models.candidate')} ${translate('app.models.precision')}`}
                      stroke="#1565c0"
                      dot={false}
                    />
                    <Line
                      dataKey="candidateRecall"
                      name={`${translate('app.models.candidate')} ${translate('app.models.recall')}`}
                      stroke="#1565c0"
                      strokeDasharray="4 2"
                      dot={false}
                    />
                    <Line
                      dataKey="active"
                      name={`${translate('app.models.active')} ${translate('app.models.precision')}`}
                      stroke="#c62828"
                      dot={false}
                    />
                    <Line
                      dataKey="activeRecall"
                      name={`${translate('app.models.active')} ${translate('app.models.recall')}`}
                      stroke="#c62828"
                      strokeDasharray="4 2"
                      dot={false}
                    />
                  </LineChart>
                </ResponsiveContainer>
              </Box>
            );
          })}
        </Stack>
      </Section>
      <Section title={translate('app.models.queues')}>
        <Table size="small" sx={{ maxWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.models.queue')}</TableCell>
              <TableCell>{translate('app.models.n')}</TableCell>
              <TableCell>
                {translate('app.models.candidate')}: {translate('app.models.flagged')} · {translate('app.models.precision')}
              </TableCell>
              <TableCell>
                {translate('app.models.active')}: {translate('app.models.flagged')} · {translate('app.models.precision')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {e.queues.map((q) => (
              <TableRow key={q.queue}>
                <TableCell>{translate(`enums.queue.${q.queue}`, { _: q.queue })}</TableCell>
                <TableCell>{q.n}</TableCell>
                <TableCell>
                  {q.candidate.flagged} · {fmt(q.candidate.precision)}
                </TableCell>
                <TableCell>{q.active ? `${q.active.flagged} · ${fmt(q.active.precision)}` : '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title={translate('app.models.disagreements')}>
        <Table size="small" data-testid="disagreements">
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.models.text')}</TableCell>
              <TableCell>{translate('app.models.queue')}</TableCell>
              <TableCell>{translate('app.models.label')}</TableCell>
              <TableCell>{translate('app.models.candidate')}</TableCell>
              <TableCell>{translate('app.models.active')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {e.disagreements.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>{translate('app.models.none')}</TableCell>
              </TableRow>
            )}
            {e.disagreements.map((d) => (
              <TableRow key={`${d.labelId}-${d.head}`}>
                <TableCell sx={{ maxWidth: 420 }}>{d.text}</TableCell>
                <TableCell>{d.queue ? translate(`enums.queue.${d.queue}`, { _: d.queue }) : '–'}</TableCell>
                <TableCell>
                  {translate(`enums.model_head.${d.head}`)}: {d.label}
                </TableCell>
                <TableCell>{fmt(d.candidate)}</TableCell>
                <TableCell>{fmt(d.active)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title={translate('app.models.corpora')}>
        <Table size="small" sx={{ maxWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.models.source')}</TableCell>
              <TableCell>{translate('app.models.head')}</TableCell>
              <TableCell>
                {translate('app.models.f1')} ({translate('app.models.candidate')} / {translate('app.models.active')})
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {e.corpora.map((c) => (
              <TableRow key={`${c.source}-${c.head}`}>
                <TableCell>{c.source}</TableCell>
                <TableCell>{translate(`enums.model_head.${c.head}`)}</TableCell>
                <TableCell>
                  {fmt(c.candidate.f1)} / {fmt(c.active?.f1)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </Box>
  );
}

interface ShadowReport {
  period: { scored: number; compared: number };
  overThreshold: { active: { spam: number; promo: number } | null; shadow: { spam: number; promo: number } | null };
  queues: Array<{
    queue: string;
    mode: string;
    flaggedByActive: number;
    appear: number;
    vanish: number;
    samples: { appear: Array<{ postId: number; excerpt: string }>; vanish: Array<{ postId: number; excerpt: string }> };
  }>;
}

/** Over the shadow period: the flags the published policies would raise or drop with this model's scores. */
function ShadowComparison() {
  const record = useRecordContext<Version>();
  const translate = useTranslate();
  const report = useQuery({
    queryKey: ['shadow-comparison', record?.id, record?.status],
    queryFn: async () => (await httpClient(`/api/model-versions/${record!.id}/shadow-comparison`)).json as ShadowReport,
    enabled: !!record,
  });
  const r = report.data;
  if (!r || r.period.scored === 0) return null;
  const o = r.overThreshold;
  return (
    <Section title={translate('app.models.shadow_comparison')}>
      <Box data-testid="shadow-comparison">
        <Typography variant="body2">{translate('app.models.shadow_period', r.period)}</Typography>
        {o.active && o.shadow && (
          <Typography variant="body2">
            {translate('app.models.over_threshold', {
              activeSpam: o.active.spam,
              activePromo: o.active.promo,
              shadowSpam: o.shadow.spam,
              shadowPromo: o.shadow.promo,
            })}
          </Typography>
        )}
        <Table size="small" sx={{ maxWidth: 1000 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.models.queue')}</TableCell>
              <TableCell>{translate('app.models.mode')}</TableCell>
              <TableCell>{translate('app.models.flagged_by_active')}</TableCell>
              <TableCell>{translate('app.models.appear')}</TableCell>
              <TableCell>{translate('app.models.vanish')}</TableCell>
              <TableCell>{translate('app.models.samples')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {r.queues.map((q) => (
              <TableRow key={`${q.mode}-${q.queue}`}>
                <TableCell>{translate(`enums.queue.${q.queue}`, { _: q.queue })}</TableCell>
                <TableCell>{translate(`enums.policy_mode.${q.mode}`, { _: q.mode })}</TableCell>
                <TableCell>{q.flaggedByActive}</TableCell>
                <TableCell>{q.appear}</TableCell>
                <TableCell>{q.vanish}</TableCell>
                <TableCell sx={{ maxWidth: 420 }}>
                  {[...q.samples.appear.map((s) => `+ ${s.excerpt}`), ...q.samples.vanish.map((s) => `− ${s.excerpt}`)]
                    .slice(0, 3)
                    .map((line) => (
                      <div key={line}>{line}</div>
                    ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Section>
  );
}

function TrainingData() {
  const record = useRecordContext<Version>();
  const translate = useTranslate();
  const sources = Object.entries(record?.trainingData?.sources ?? {});
  return (
    <Table size="small" sx={{ maxWidth: 900 }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('app.models.source')}</TableCell>
          <TableCell>{translate('app.models.rows')}</TableCell>
          <TableCell>{translate('app.models.spam')}</TableCell>
          <TableCell>{translate('app.models.promo')}</TableCell>
          <TableCell>{translate('app.models.hash')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sources.map(([source, s]) => (
          <TableRow key={source}>
            <TableCell>{source}</TableCell>
            <TableCell>{s.rows}</TableCell>
            <TableCell>{s.spam}</TableCell>
            <TableCell>{s.promo}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{s.hash ? s.hash.slice(0, 16) : '–'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ModelShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="version" />
        <StatusChip />
        <LifecycleActions />
        <FunctionField
          source="thresholds"
          render={(r: Version) =>
            Object.entries(r.thresholds ?? {})
              .map(([h, v]) => `${translate(`enums.model_head.${h}`)} ${v}`)
              .join(' · ')
          }
        />
        <TextField source="featurizerVersion" />
        <TextField source="note" emptyText="–" />
        <ReferenceField source="previousActiveId" reference="model-versions" emptyText="–" link="show" />
        <LocaleDateField source="createdAt" />
        <LocaleDateField source="shadowSince" emptyText="–" />
        <LocaleDateField source="activatedAt" emptyText="–" />
        <LocaleDateField source="retiredAt" emptyText="–" />
        <FunctionField source="trainingData" render={() => <TrainingData />} />
        <FunctionField
          source="trainingConfig"
          render={(r: Version) => (
            <Box component="pre" sx={{ fontSize: 12, m: 0 }}>
              {JSON.stringify(r.trainingConfig, null, 1)}
            </Box>
          )}
        />
        <ShadowComparison />
        <Comparison />
      </SimpleShowLayout>
    </Show>
  );
}
