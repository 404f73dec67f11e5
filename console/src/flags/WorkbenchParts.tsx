import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Card,
  CardContent,
  Chip,
  List,
  ListItem,
  ListItemText,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { HighlightedText } from '../evidence/HighlightedText';
import { ExplanationTree } from '../evidence/ExplanationTree';
import { ReputationHistoryChart } from '../evidence/ReputationHistoryChart';
import { useDateText, useDuration } from '../common/time';
import { DATE_LOCALES } from '../i18n/dateLocales';
import { translateServerText } from '../common/serverText';
import type { Workbench } from './flagWork';

type Row = Record<string, any>;

/** A section with a real heading, so the page can be read by headings. */
export function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <Card variant="outlined" component="section" aria-labelledby={id}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" id={id} sx={{ fontWeight: 600, mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function None() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('app.workbench.none')}
    </Typography>
  );
}

const postText = (p: Row) => (p.title ? `${p.title}\n${p.body}` : String(p.body ?? ''));

/** One post of the thread, shortened unless it is the item itself. */
function ThreadPost({ post, label, current = false, brands }: { post: Row; label?: string; current?: boolean; brands: string[] }) {
  const date = useDateText();
  const text = postText(post);
  return (
    <Box
      sx={{ pl: current ? 0 : 2, borderLeft: current ? 4 : 2, borderColor: current ? 'primary.main' : 'divider', py: 0.5, my: 0.5 }}
      data-thread-post={post.id}
    >
      <Typography variant="caption" color="text.secondary" component="div">
        {label ? `${label} · ` : ''}
        {post.authorName ?? post.authorHandle} @{post.authorHandle} · {date(post.postedAt)} ·{' '}
        <Link to={`/posts/${post.id}/show`}>#{post.id}</Link>
      </Typography>
      <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap' }}>
        <HighlightedText
          text={[...text].length > 280 ? [...text].slice(0, 280).join('') + '…' : text}
          brands={brands}
          lang={post.lang}
          compact
        />
      </Typography>
    </Box>
  );
}

export function ThreadContext({ wb, brands }: { wb: Workbench; brands: string[] }) {
  const translate = useTranslate();
  const t = wb.thread;
  if (!t || (!t.root && !t.parent && !t.before.length && !t.after.length)) return null;
  return (
    <Section title={translate('app.workbench.thread')} id="wb-thread">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('app.workbench.replies', { smart_count: t.replies })}
      </Typography>
      {t.root && <ThreadPost post={t.root} label={translate('app.workbench.thread_root')} brands={brands} />}
      {t.parent && <ThreadPost post={t.parent} label={translate('app.workbench.parent')} brands={brands} />}
      {t.before.map((p: Row) => (
        <ThreadPost key={p.id} post={p} brands={brands} />
      ))}
      <Typography variant="caption" sx={{ fontWeight: 700, color: 'primary.main' }} component="div">
        ▸ {translate('app.workbench.this_post')}
      </Typography>
      {t.after.map((p: Row) => (
        <ThreadPost key={p.id} post={p} brands={brands} />
      ))}
    </Section>
  );
}

export function Money({ cents, currency }: { cents: number | null | undefined; currency?: string }) {
  const [locale] = useLocaleState();
  if (cents == null) return <span>–</span>;
  return (
    <span>
      {new Intl.NumberFormat(DATE_LOCALES[locale] ?? 'en-GB', { style: 'currency', currency: currency ?? 'CNY' }).format(
        Number(cents) / 100,
      )}
    </span>
  );
}

export function OrderLines({ order }: { order: Row }) {
  const translate = useTranslate();
  const date = useDateText();
  return (
    <Section title={translate('app.workbench.order')} id="wb-order">
      <Typography variant="body2" sx={{ mb: 1 }}>
        #{order.id} · {date(order.orderedAt)} · {translate(`enums.transaction_status.${order.status}`, { _: order.status })} ·{' '}
        {translate('app.workbench.vendor')}: {order.vendorName ?? order.vendorHandle} @{order.vendorHandle}
      </Typography>
      <Table size="small" aria-label={translate('app.workbench.lines')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.workbench.product')}</TableCell>
            <TableCell>{translate('app.workbench.brand')}</TableCell>
            <TableCell align="right">{translate('app.workbench.unit_price')}</TableCell>
            <TableCell align="right">{translate('app.workbench.amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(order.lines as Row[]).map((l) => (
            <TableRow key={l.productId}>
              <TableCell>{l.name}</TableCell>
              <TableCell>{l.brand ?? '–'}</TableCell>
              <TableCell align="right">
                <Money cents={l.unitPriceCents} currency={l.currency} />
              </TableCell>
              <TableCell align="right">
                <Money cents={l.amountCents} currency={l.currency} />
              </TableCell>
            </TableRow>
          ))}
          {order.lines.length === 0 && (
            <TableRow>
              <TableCell colSpan={3}>–</TableCell>
              <TableCell align="right">
                <Money cents={order.amountCents} currency={order.currency} />
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Section>
  );
}

export function FiredRules({ hits }: { hits: Row[] }) {
  const translate = useTranslate();
  if (!hits.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.workbench.no_rules')}
      </Typography>
    );
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {translate('app.evidence.fired', { smart_count: hits.length })}
      </Typography>
      {hits.map((h) => (
        <Accordion key={h.id} disableGutters variant="outlined" slotProps={{ transition: { unmountOnExit: true } }}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">
              <b>{h.ruleName}</b> —{' '}
              {translateServerText(translate, { key: h.policyNameKey as string | null | undefined, text: String(h.policyName) })} v
              {h.version} · {translate(`enums.policy_mode.${h.mode}`)}
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <ExplanationTree node={h.explanation} />
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}

export function Reports({ wb }: { wb: Workbench }) {
  const translate = useTranslate();
  const date = useDateText();
  const weight = wb.reports.reduce((s, r) => s + Number(r.weight), 0);
  if (!wb.reports.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.workbench.no_reports')}
      </Typography>
    );
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {translate('app.reports.summary', { count: wb.reports.length, weight: weight.toFixed(2) })}
      </Typography>
      <List dense disablePadding>
        {wb.reports.map((r) => (
          <ListItem key={r.id} disableGutters>
            <ListItemText
              primary={
                <>
                  <Chip size="small" label={translate(`enums.report_reason.${r.reason}`, { _: r.reason })} sx={{ mr: 1 }} />
                  {r.text ?? ''}
                </>
              }
              secondary={`@${r.reporterHandle} · ${translate('app.workbench.weight', { weight: Number(r.weight).toFixed(2) })} · ${date(r.receivedAt)}`}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

function DecisionList({ rows }: { rows: Row[] }) {
  const translate = useTranslate();
  const date = useDateText();
  if (!rows.length) return <None />;
  return (
    <List dense disablePadding>
      {rows.map((d) => (
        <ListItem key={d.id} disableGutters>
          <ListItemText
            primary={
              <>
                <Link to={`/decisions/${d.id}/show`}>{translate(`enums.decision_action.${d.action}`, { _: d.action })}</Link> ·{' '}
                {translate(`app.reason_code.${d.reasonCode}`, { _: d.reasonCode })}
                {d.reversedAt ? ` · ${translate('resources.decisions.fields.reversedAt')}` : ''}
              </>
            }
            secondary={`${date(d.createdAt)} · ${d.automated ? translate('app.workbench.automated') : translate('app.workbench.by', { name: d.staffName ?? '–' })}`}
          />
        </ListItem>
      ))}
    </List>
  );
}

export function AuthorCard({ wb }: { wb: Workbench }) {
  const translate = useTranslate();
  const duration = useDuration();
  const date = useDateText();
  const a = wb.author;
  if (!a) return null;
  const rep = a.reputation;
  const pct = (v: number) => (v * 100).toFixed(0);
  return (
    <Section title={translate('app.workbench.author')} id="wb-author">
      <Typography variant="h6" component="p" sx={{ lineHeight: 1.2 }}>
        <Link to={`/accounts/${a.id}/show`}>{a.displayName ?? a.handle}</Link>
      </Typography>
      <Typography variant="body2" color="text.secondary">
        @{a.handle} · {translate(`enums.account_type.${a.type}`, { _: a.type })} ·{' '}
        {translate('app.workbench.account_age', { age: duration(a.joinedAt) })} ·{' '}
        {translate('app.workbench.posts', { smart_count: a.postCount })} ·{' '}
        {translate('app.workbench.violations', { smart_count: a.violationsUpheld })}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap' }}>
        {(['discussion', 'commerce'] as const).map((c) => (
          <Chip
            key={c}
            variant="outlined"
            label={`${translate(`app.workbench.${c}`)} ${pct(rep.components[c].score)} (${translate('app.workbench.confidence', { confidence: pct(rep.components[c].confidence) })})`}
          />
        ))}
      </Stack>
      <ReputationHistoryChart history={rep.history} height={140} />
      <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
        {translate('app.related.author_partnerships')}
      </Typography>
      {a.partnerships.length ? (
        <List dense disablePadding>
          {a.partnerships.map((p: Row) => (
            <ListItem key={p.id} disableGutters>
              <ListItemText
                primary={`${p.brandName ?? p.brandHandle} · ${translate(`enums.partnership_kind.${p.kind}`, { _: p.kind })}`}
                secondary={`${date(p.startsAt, false)} – ${p.endsAt ? date(p.endsAt, false) : '…'}${p.campaign ? ` · ${p.campaign}` : ''}`}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <None />
      )}
      <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
        {translate('app.workbench.decisions_author')}
      </Typography>
      <DecisionList
        rows={[...a.accountDecisions, ...a.contentDecisions]
          .sort((x, y) => String(y.createdAt).localeCompare(String(x.createdAt)))
          .slice(0, 10)}
      />
      <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
        {translate('app.workbench.recent_posts')}
      </Typography>
      {a.recentPosts.length ? (
        <List dense disablePadding>
          {a.recentPosts.map((p: Row) => (
            <ListItem key={p.id} disableGutters>
              <ListItemText
                primary={<Link to={`/posts/${p.id}/show`}>{[...postText(p)].slice(0, 90).join('')}</Link>}
                secondary={`${date(p.postedAt)} · ${translate(`enums.post_status.${p.status}`, { _: p.status })}`}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <None />
      )}
    </Section>
  );
}

export function ItemDecisions({ wb }: { wb: Workbench }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {translate('app.workbench.decisions_item')}
      </Typography>
      <DecisionList rows={wb.itemDecisions} />
    </Box>
  );
}

export function ReferredOrders({ wb }: { wb: Workbench }) {
  const translate = useTranslate();
  const date = useDateText();
  if (!wb.post) return null;
  return (
    <Section title={translate('app.related.referred_orders')} id="wb-referred">
      {wb.referredOrders.length ? (
        <List dense disablePadding>
          {wb.referredOrders.map((o) => (
            <ListItem key={o.id} disableGutters>
              <ListItemText
                primary={
                  <>
                    <Link to={`/transactions/${o.id}/show`}>#{o.id}</Link> · <Money cents={o.amountCents} currency={o.currency} /> ·{' '}
                    {translate(`enums.transaction_status.${o.status}`, { _: o.status })}
                  </>
                }
                secondary={date(o.orderedAt)}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <None />
      )}
    </Section>
  );
}
