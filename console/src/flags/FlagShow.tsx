import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Chip, Divider, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DataTable,
  Link,
  Loading,
  NumberField,
  RecordContextProvider,
  ReferenceManyField,
  Title,
  useGetIdentity,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { HighlightedText } from '../evidence/HighlightedText';
import { matchedTermsOf } from '../evidence/highlight';
import { APPROVE_TEMPLATE, ESCALATE_TEMPLATE, removeTemplateFor, type FlagDecision } from './reasonTemplates';
import { claimFlag, claimNext, decideFlag, fetchWorkbench, releaseFlag, type Workbench } from './flagWork';
import { useDecisionUndo } from './DecisionUndo';
import { KeyboardHelp, type KeyHelp } from './KeyboardHelp';
import { useKeys } from './useItemKeys';
import { AuthorCard, FiredRules, ItemDecisions, OrderLines, ReferredOrders, Reports, Section, ThreadContext } from './WorkbenchParts';
import { flagReasonText } from '../common/serverText';
import { queueListPath } from './queuePaths';
import { usePeekNext } from './usePeekNext';
import { useWorkedQueues } from './usePermissionsOf';
import { CannedNotes, useNoteTemplates, useTemplateText, type NoteTemplate } from './CannedNotes';

/** How long an item page just fetched (or handed over with the claim) is shown without asking the API again. */
const WORKBENCH_FRESH_MS = 5_000;

/** Minutes left on a claim, recounted every 15 s so the panel never shows a claim that ran out. */
function useMinutesLeft(until: string | null | undefined) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  return until ? Math.max(0, Math.ceil((new Date(until).getTime() - now) / 60_000)) : 0;
}

function ClaimBox({ wb, mine, onClaim, onRelease }: { wb: Workbench; mine: boolean; onClaim(): void; onRelease(): void }) {
  const translate = useTranslate();
  const minutes = useMinutesLeft(wb.flag.claimActive ? wb.flag.claimedUntil : null);
  const text =
    !wb.flag.claimActive || minutes === 0
      ? translate('app.workbench.claim_none')
      : mine
        ? translate('app.workbench.claim_mine', { minutes })
        : translate('app.workbench.claim_other', { name: wb.flag.claimedByName ?? `#${wb.flag.claimedBy}`, minutes });
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center', flexWrap: 'wrap' }}
      data-claim={mine ? 'mine' : wb.flag.claimActive ? 'other' : 'none'}
    >
      <Typography variant="body2" sx={{ flex: 1 }} role="status">
        {text}
      </Typography>
      {mine ? (
        <Button size="small" variant="outlined" onClick={onRelease}>
          {translate('app.workbench.release')} (c)
        </Button>
      ) : (
        <Button size="small" variant="outlined" onClick={onClaim} disabled={wb.flag.claimActive && minutes > 0}>
          {translate('app.workbench.claim')} (c)
        </Button>
      )}
    </Stack>
  );
}

function BoardAlertEvidence({ flag }: { flag: Record<string, unknown> }) {
  const translate = useTranslate();
  if (flag.queue !== 'community') return null;
  return (
    <RecordContextProvider value={flag as { id: number }}>
      <Section title={translate('resources.board-alerts.name', { smart_count: 1 })} id="wb-alert">
        <ReferenceManyField reference="board-alerts" target="flagId" perPage={5}>
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="board" />
            <DataTable.Col
              source="share"
              field={() => <NumberField source="share" options={{ style: 'percent', maximumFractionDigits: 0 }} />}
            />
            <DataTable.Col
              source="threshold"
              field={() => <NumberField source="threshold" options={{ style: 'percent', maximumFractionDigits: 0 }} />}
            />
            <DataTable.Col source="windowPosts" />
          </DataTable>
        </ReferenceManyField>
      </Section>
    </RecordContextProvider>
  );
}

/**
 * The moderator's workbench: the item and its context on the left, a sticky decision panel on
 * the right. One request fills it. Keys decide; after a decision the next item of the same
 * queue opens already claimed, and the decision can still be undone for a few seconds.
 */
export function FlagShow() {
  const { id } = useParams();
  const flagId = Number(id);
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const undo = useDecisionUndo();
  const [helpOpen, setHelpOpen] = useState(false);
  const busy = useRef(false);
  // The decision note: empty for each new item; a canned note fills it and may be edited.
  const [note, setNote] = useState('');
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [picking, setPicking] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement | null>(null);
  useEffect(() => {
    setNote('');
    setTemplateId(null);
    setPicking(false);
  }, [flagId]);
  // A page handed over by the claim of the next item is shown as it is, not asked for again at once.
  const {
    data: wb,
    error,
    refetch,
  } = useQuery({
    queryKey: ['workbench', flagId],
    queryFn: () => fetchWorkbench(flagId),
    enabled: Number.isFinite(flagId),
    staleTime: WORKBENCH_FRESH_MS,
  });

  const flag = wb?.flag;
  const mine = !!flag?.claimActive && identity?.id !== undefined && Number(flag.claimedBy) === Number(identity.id);
  // A role that does not work this queue reads the item; it is offered nothing that would answer 403.
  const { queues: worked } = useWorkedQueues();
  const works = !!flag && worked.includes(String(flag.queue));
  const peeked = usePeekNext(flag?.queue as string | undefined, flagId, flag?.status === 'open');
  const removal = removeTemplateFor(String(flag?.queue ?? ''));
  const removeLabel = translate(`enums.decision_action.${removal.action}`);
  const listPath = queueListPath(flag?.queue as string | undefined);
  const templates = useNoteTemplates(flag?.queue as string | undefined);
  const templateText = useTemplateText();
  const pickTemplate = (t: NoteTemplate) => {
    setNote(templateText(t));
    setTemplateId(t.id);
    setPicking(false);
    // Straight into the text, to edit it before the decision sends it.
    setTimeout(() => noteRef.current?.focus(), 0);
  };
  const withNote = (decision: FlagDecision): FlagDecision => {
    const text = note.trim();
    return text ? { ...decision, note: text, ...(templateId !== null ? { noteTemplateId: templateId } : {}) } : decision;
  };

  const claim = async () => {
    try {
      await claimFlag(flagId);
      notify('app.workbench.claimed_ok', { type: 'info' });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
    void refetch();
  };
  const release = async () => {
    await releaseFlag(flagId).catch((err: Error) => notify(err.message, { type: 'error' }));
    notify('app.workbench.released', { type: 'info' });
    void refetch();
  };

  const decide = async (decision: FlagDecision) => {
    if (!flag || flag.status !== 'open' || !works || busy.current) return;
    busy.current = true;
    try {
      // The claim is what keeps a second moderator off the item while the decision waits out its undo time.
      if (!mine) await claimFlag(flag.id);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
      busy.current = false;
      void refetch();
      return;
    }
    const decided = Number(flag.id);
    const queue = String(flag.queue);
    let nextId: number | null = null;
    // The item looked up ahead opens at once, from the cache, and is claimed behind it; when
    // someone took it meanwhile, whatever is next is claimed and opened instead.
    const ahead = peeked !== null && queryClient.getQueryData(['workbench', peeked]) ? peeked : null;
    const claimAfterwards = async (id: number) => {
      try {
        await claimFlag(id);
        void queryClient.invalidateQueries({ queryKey: ['workbench', id] });
      } catch {
        const next = await claimNext(queue, [decided, id]).catch(() => ({ id: null, workbench: null }));
        nextId = next.id;
        if (nextId && next.workbench) queryClient.setQueryData(['workbench', nextId], next.workbench);
        void navigate(nextId ? `/flags/${nextId}/show` : listPath);
      }
    };
    let claiming: Promise<void> = Promise.resolve();
    if (ahead !== null) nextId = ahead;
    else {
      const next = await claimNext(queue, [decided]).catch(() => ({ id: null, workbench: null }));
      nextId = next.id;
      if (nextId && next.workbench) queryClient.setQueryData(['workbench', nextId], next.workbench);
    }
    undo.push({
      message: nextId ? 'app.triage.next_opened' : 'app.triage.decided',
      messageArgs: { action: translate(`enums.decision_action.${decision.action}`), id: decided },
      commit: async () => {
        try {
          await decideFlag(decided, decision);
        } catch (err) {
          await releaseFlag(decided).catch(() => undefined);
          throw err;
        } finally {
          void queryClient.invalidateQueries({ queryKey: ['menu'] });
          void queryClient.invalidateQueries({ queryKey: ['workbench', decided] });
        }
      },
      undo: async () => {
        // Back to the item the decision was about, still claimed; the one opened after it goes back to the queue.
        await claiming;
        if (nextId) await releaseFlag(nextId).catch(() => undefined);
        void navigate(`/flags/${decided}/show`);
        void queryClient.invalidateQueries({ queryKey: ['workbench', decided] });
        if (nextId) void queryClient.invalidateQueries({ queryKey: ['workbench', nextId] });
      },
    });
    busy.current = false;
    if (ahead !== null) claiming = claimAfterwards(ahead);
    if (nextId) void navigate(`/flags/${nextId}/show`);
    else {
      notify('app.triage.queue_empty', { type: 'info' });
      void navigate(listPath);
    }
  };

  const keyHelp: KeyHelp = [
    ['a', translate('app.triage.keys.approve')],
    ['r', translate('app.triage.keys.queue_action', { action: removeLabel })],
    ['e', translate('app.triage.keys.escalate')],
    ['c', translate('app.triage.keys.claim')],
    ['n', translate('app.triage.keys.note')],
    ['b', translate('app.triage.keys.back')],
    ['?', translate('app.triage.keys.help')],
  ];
  useKeys(
    {
      a: () => void decide(withNote(APPROVE_TEMPLATE)),
      r: () => void decide(withNote(removal)),
      e: () => void decide(withNote(ESCALATE_TEMPLATE)),
      n: () => setPicking((p) => !p),
      Escape: () => setPicking(false),
      ...Object.fromEntries(
        templates.map((t) => [
          String(t.slot),
          () => {
            // A digit picks a note only right after n, so a stray digit changes nothing.
            if (picking) pickTemplate(t);
          },
        ]),
      ),
      c: () => void (works && (mine ? release() : claim())),
      b: () => void navigate(listPath),
      '?': () => setHelpOpen((o) => !o),
    },
    !!wb && !helpOpen,
  );
  useKeys({ '?': () => setHelpOpen(false) }, helpOpen);

  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!wb || !flag) return <Loading />;
  const post = wb.post;
  const hits = (post?.ruleHits ?? wb.order?.ruleHits ?? []) as Array<Record<string, unknown>>;
  // A partner is named by its handle or any word of its name, as the disclosure verdict reads them.
  const brands = (wb.author?.partnerships ?? []).flatMap((p: Record<string, string>) => [
    p.brandHandle ?? '',
    ...(p.brandName ?? '').split(/\s+/),
  ]);
  const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : '–');
  const open = flag.status === 'open';

  return (
    <Box sx={{ mt: 1 }} data-workbench={flag.id}>
      <Title title={translate('app.workbench.title', { id: flag.id, queue: translate(`enums.queue.${flag.queue}`) })} />
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} keys={keyHelp} translated />
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(380px, 460px)' },
          alignItems: 'start',
        }}
      >
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Section title={translate('app.workbench.content')} id="wb-content">
            {post ? (
              <>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1 }}>
                  {translate(`enums.post_kind.${post.kind}`, { _: post.kind })} · {post.board} ·{' '}
                  <Link to={`/posts/${post.id}/show`}>#{post.id}</Link> ·{' '}
                  {translate(`enums.post_status.${post.status}`, { _: post.status })}
                </Typography>
                <HighlightedText
                  text={post.title ? `${post.title}\n${post.body}` : String(post.body)}
                  matchedTerms={hits.flatMap((h) => matchedTermsOf(h.explanation))}
                  brands={brands}
                  spans={post.evidenceSpans}
                  lang={post.lang}
                />
              </>
            ) : wb.order ? (
              <Typography variant="body2">
                {translate('app.workbench.order')} #{wb.order.id}
              </Typography>
            ) : (
              <Typography variant="body2">
                {translate('enums.subject_type.account')} <Link to={`/accounts/${flag.subjectId}/show`}>#{flag.subjectId}</Link>
              </Typography>
            )}
          </Section>
          {wb.order && <OrderLines order={wb.order} />}
          <ThreadContext wb={wb} brands={brands} />
          <BoardAlertEvidence flag={flag} />
          <AuthorCard wb={wb} />
          <ReferredOrders wb={wb} />
        </Stack>
        <Box
          component="aside"
          aria-label={translate('app.workbench.panel')}
          sx={{
            position: { lg: 'sticky' },
            top: { lg: 64 },
            maxHeight: { lg: 'calc(100vh - 80px)' },
            overflowY: { lg: 'auto' },
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            p: 2,
            bgcolor: 'background.paper',
          }}
        >
          <Stack spacing={1.5}>
            <Typography variant="h6" component="h2">
              {translate('app.workbench.panel')}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
              <Chip color="primary" label={translate(`enums.queue.${flag.queue}`)} />
              <Chip label={translate('app.workbench.priority', { priority: flag.priority })} />
              <Chip variant="outlined" label={translate(`enums.flag_source.${flag.source}`, { _: flag.source })} />
              <Chip variant="outlined" label={translate(`enums.flag_status.${flag.status}`, { _: flag.status })} />
              {open && flag.overdue && <Chip color="error" data-overdue="true" label={translate('app.sla.overdue_chip')} />}
              {flag.slaEscalatedAt && <Chip color="warning" variant="outlined" label={translate('app.sla.escalated')} />}
            </Stack>
            <Typography variant="body2">
              <b>{translate('app.workbench.reason')}:</b> {flagReasonText(translate, flag)}
            </Typography>
            {open && !works && <Alert severity="info">{translate('app.workbench.not_your_queue')}</Alert>}
            {open && works ? (
              <ClaimBox wb={wb} mine={mine} onClaim={claim} onRelease={release} />
            ) : open ? null : (
              <Alert severity="info">
                {translate('app.workbench.not_open', { status: translate(`enums.flag_status.${flag.status}`) })}
              </Alert>
            )}
            {open && works && (
              <CannedNotes
                templates={templates}
                note={note}
                templateId={templateId}
                picking={picking}
                inputRef={noteRef}
                onPick={pickTemplate}
                onChange={setNote}
              />
            )}
            {open && works && (
              <Stack
                direction="row"
                spacing={1}
                sx={{ flexWrap: 'wrap', rowGap: 1 }}
                aria-label={translate('app.evidence.decide')}
                role="group"
              >
                <Button variant="outlined" color="success" onClick={() => void decide(withNote(APPROVE_TEMPLATE))} aria-keyshortcuts="a">
                  {translate('enums.decision_action.approve')} (a)
                </Button>
                <Button variant="contained" color="error" onClick={() => void decide(withNote(removal))} aria-keyshortcuts="r">
                  {removeLabel} (r)
                </Button>
                <Button variant="outlined" onClick={() => void decide(withNote(ESCALATE_TEMPLATE))} aria-keyshortcuts="e">
                  {translate('enums.decision_action.escalate')} (e)
                </Button>
              </Stack>
            )}
            <Typography variant="caption" color="text.secondary">
              {translate('app.triage.hint_item', { remove: removeLabel.toLowerCase() })}
            </Typography>
            <Button size="small" onClick={() => navigate(listPath)} sx={{ alignSelf: 'flex-start' }}>
              {translate('app.workbench.back')} (b)
            </Button>
            <Divider />
            {post && (
              <Box>
                <Typography variant="subtitle2" component="h3">
                  {translate('app.workbench.scores')}
                </Typography>
                <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
                  <Chip
                    size="small"
                    label={`${translate('resources.posts.fields.spamScore')}: ${pct(post.spamScore)}`}
                    color={post.spamScore > 0.5 ? 'error' : 'default'}
                  />
                  <Chip
                    size="small"
                    label={`${translate('resources.posts.fields.promoScore')}: ${pct(post.promoScore)}`}
                    color={post.promoScore > 0.5 ? 'warning' : 'default'}
                  />
                  {post.disclosureStatus && (
                    <Chip
                      size="small"
                      label={`${translate('resources.posts.fields.disclosureStatus')}: ${translate(`enums.disclosure_status.${post.disclosureStatus}`, { _: post.disclosureStatus })}`}
                    />
                  )}
                  <Chip size="small" label={`${translate('resources.posts.fields.reach')}: ${post.reach}`} />
                </Stack>
              </Box>
            )}
            {wb.order && (
              <Chip
                size="small"
                label={`${translate('resources.transactions.fields.riskScore')}: ${pct(wb.order.riskScore)}`}
                sx={{ alignSelf: 'flex-start' }}
              />
            )}
            <FiredRules hits={hits} />
            <Reports wb={wb} />
            <ItemDecisions wb={wb} />
          </Stack>
        </Box>
      </Box>
    </Box>
  );
}
