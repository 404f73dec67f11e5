import { useState } from 'react';
import { Box, MenuItem, Stack, TextField } from '@mui/material';
import { diffLines } from 'diff';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import { usePolicyVersions, VersionLabel, versionShort } from './usePolicyVersions';

/** Any two versions of the policy, line by line. */
export function VersionDiff() {
  const record = useRecordContext();
  const translate = useTranslate();
  const { data: versions } = useGetList(
    'policy-versions',
    { filter: { policyId: record?.id }, sort: { field: 'version', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: !!record },
  );
  const { data: summaries } = usePolicyVersions(record?.id);
  const [a, setA] = useState<number | ''>('');
  const [b, setB] = useState<number | ''>('');
  const left = versions?.find((v) => v.id === a);
  const right = versions?.find((v) => v.id === b);
  const pick = (value: number | '', set: (n: number) => void, label: string) => (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => set(Number(e.target.value))}
      sx={{ minWidth: 260, maxWidth: 420 }}
      slotProps={{ select: { renderValue: (id) => versionShort(translate, summaries, id) } }}
    >
      {(summaries ?? []).map((v) => (
        <MenuItem key={v.id} value={v.id}>
          <VersionLabel v={v} />
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Box sx={{ maxWidth: 900 }}>
      <Stack direction="row" spacing={1}>
        {pick(a, setA, translate('app.policies.from_version'))}
        {pick(b, setB, translate('app.policies.to_version'))}
      </Stack>
      {left && right && (
        <Box component="pre" sx={{ fontSize: 12, p: 1, bgcolor: 'action.hover', overflowX: 'auto' }} data-testid="version-diff">
          {diffLines(JSON.stringify(left.document, null, 2), JSON.stringify(right.document, null, 2)).map((part, i) => (
            <Box
              key={i}
              component="span"
              sx={{ display: 'block', bgcolor: part.added ? '#e8f5e9' : part.removed ? '#ffebee' : 'transparent' }}
            >
              {part.value
                .replace(/\n$/, '')
                .split('\n')
                .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
                .join('\n')}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
