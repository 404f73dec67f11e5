import { Box, Chip, Stack, Typography } from '@mui/material';
import { useGetOne, useTranslate } from 'react-admin';
import { HighlightedText } from './HighlightedText';
import { ExplanationTree } from './ExplanationTree';
import { ReputationChart } from './ReputationChart';
import { matchedTermsOf } from './highlight';
import { EvidenceText, type EvidenceSpan } from '../common/EvidenceText';
import { translateServerText } from '../common/serverText';
import { ModelVersionChip } from '../models/ModelVersionChip';

interface RuleHit {
  id: number;
  ruleName: string;
  policyName: string;
  policyNameKey?: string | null;
  version: number;
  mode: string;
  eventType: string;
  explanation: unknown;
}

/** Everything a moderator needs beside the decision: the text with its evidence, the scores, why the rules fired, who wrote it. */
export function PostEvidence({ postId }: { postId: number }) {
  const translate = useTranslate();
  const { data: post } = useGetOne('posts', { id: postId });
  if (!post) return null;
  const hits = (post.ruleHits ?? []) as RuleHit[];
  const text = post.title ? `${post.title}\n${post.body}` : String(post.body);
  const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : '–');
  return (
    <Stack spacing={2} sx={{ my: 1 }}>
      <HighlightedText text={text} matchedTerms={hits.flatMap((h) => matchedTermsOf(h.explanation))} lang={post.lang} />
      {post.disclosure && post.disclosure.status !== 'not_commercial' && (
        <Box>
          <Typography variant="subtitle1" component="h3">
            {translate('app.disclosure.verdict', {
              status: translate(`enums.disclosure_status.${post.disclosure.status}`, { _: post.disclosure.status }),
              confidence: Math.round(post.disclosure.confidence * 100),
            })}
          </Typography>
          <EvidenceText text={post.disclosure.text} spans={post.disclosure.spans as EvidenceSpan[]} lang={post.lang} />
        </Box>
      )}
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        <Chip
          label={`${translate('resources.posts.fields.spamScore')}: ${pct(post.spamScore)}`}
          color={post.spamScore > 0.5 ? 'error' : 'default'}
        />
        <Chip
          label={`${translate('resources.posts.fields.promoScore')}: ${pct(post.promoScore)}`}
          color={post.promoScore > 0.5 ? 'warning' : 'default'}
        />
        {post.disclosureStatus && (
          <Chip
            label={`${translate('resources.posts.fields.disclosureStatus')}: ${translate(`enums.disclosure_status.${post.disclosureStatus}`, { _: post.disclosureStatus })}`}
          />
        )}
        <Chip label={`${translate('resources.posts.fields.reach')}: ${post.reach}`} />
        <ModelVersionChip id={post.modelVersionId} />
      </Stack>
      <Box>
        <Typography variant="subtitle1" component="h3">
          {translate('app.evidence.fired', { smart_count: hits.length })}
        </Typography>
        {hits.map((h) => (
          <Box key={h.id} sx={{ my: 1, p: 1, border: 1, borderColor: 'divider', borderRadius: 1, maxWidth: 820 }}>
            <Typography variant="body2" component="div">
              <b>{h.ruleName}</b> — {translateServerText(translate, { key: h.policyNameKey, text: h.policyName })} v{h.version} ·{' '}
              {translate(`enums.policy_mode.${h.mode}`)} · {translate(`enums.event_type.${h.eventType}`, { _: h.eventType })}
            </Typography>
            <ExplanationTree node={h.explanation} />
          </Box>
        ))}
      </Box>
      <ReputationChart accountId={post.authorId} />
    </Stack>
  );
}
