import { Box, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { httpClient } from '../dataProvider';
import { DATE_LOCALES } from '../i18n/dateLocales';

export interface PolicyVersionSummary {
  id: number;
  version: number;
  mode: 'enforce' | 'shadow';
  publishedAt: string;
  publishedBy: number | null;
  authorName: string | null;
  note: string | null;
  restoresVersion: number | null;
}

/** The policy's versions, newest first, with date, author and note (GET /api/policies/:id/versions). */
export function usePolicyVersions(policyId: unknown) {
  return useQuery({
    queryKey: ['policy-versions-summary', policyId],
    queryFn: async () =>
      ((await httpClient(`/api/policies/${String(policyId)}/versions`)).json as { versions: PolicyVersionSummary[] }).versions,
    enabled: policyId !== undefined && policyId !== null,
  });
}

/** The chosen version inside the closed picker: number and mode, on one line. */
export function versionShort(
  translate: (key: string, args?: object) => string,
  versions: PolicyVersionSummary[] | undefined,
  id: unknown,
): string {
  const v = versions?.find((x) => x.id === id);
  return v ? translate('app.policies.version_mode', { version: v.version, mode: translate(`enums.policy_mode.${v.mode}`) }) : '';
}

/** One version as a picker shows it: number and mode, then when, who and why. */
export function VersionLabel({ v }: { v: PolicyVersionSummary }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const date = new Date(v.publishedAt).toLocaleString(DATE_LOCALES[locale] ?? 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const details = [
    date,
    v.authorName ?? translate('app.policies.unknown_author'),
    v.restoresVersion !== null ? translate('app.policies.restores', { version: v.restoresVersion }) : null,
    v.note,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box>
      <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
        {translate('app.policies.version_mode', { version: v.version, mode: translate(`enums.policy_mode.${v.mode}`) })}
      </Typography>
      <Typography variant="caption" component="span" sx={{ display: 'block', color: 'text.secondary' }}>
        {details}
      </Typography>
    </Box>
  );
}
