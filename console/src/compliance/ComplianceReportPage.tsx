import { useState } from 'react';
import {
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useGetList, useNotify, useTranslate } from 'react-admin';
import { httpClient } from '../dataProvider';
import { downloadFile } from '../common/downloadFile';
import { JobProgress } from '../common/JobProgress';
import { DayRangeHint, DayRangeInputs, useDayRange } from '../common/DayRangeInputs';
import { EvidenceText, type EvidenceSpan } from '../common/EvidenceText';

interface Report {
  id: number;
  status: string;
  processed: number;
  total: number | null;
  result: {
    counts: Record<string, number>;
    cases: Array<{
      postId: number;
      author: string;
      brands: string[];
      reach: number;
      confidence: number;
      postedAt: string;
      text: string;
      spans?: EvidenceSpan[];
    }>;
  } | null;
}

/** The report a regulator asks for: a period, optionally one brand or creator; JSON on screen, CSV to hand over. */
export function ComplianceReportPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const range = useDayRange();
  const [brand, setBrand] = useState<{ id: number; handle: string } | null>(null);
  const [creator, setCreator] = useState<{ id: number; handle: string } | null>(null);
  const [id, setId] = useState<number | null>(null);
  const { data: brands } = useGetList('accounts', {
    filter: { type: 'brand' },
    sort: { field: 'handle', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  });
  const { data: creators } = useGetList('accounts', {
    filter: { type: 'creator' },
    sort: { field: 'handle', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  });
  const { data } = useQuery({
    queryKey: ['compliance-report', id],
    queryFn: async () => (await httpClient(`/api/compliance-reports/${id}`)).json as Report,
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 500),
  });
  const start = async () => {
    try {
      const body = { ...range.period(), ...(brand ? { brandId: brand.id } : {}), ...(creator ? { creatorId: creator.id } : {}) };
      const { json } = await httpClient('/api/compliance-reports', { method: 'POST', body: JSON.stringify(body) });
      setId((json as Report).id);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const download = () => downloadFile(`/api/compliance-reports/${id}/csv`, `compliance-report-${id}.csv`);
  const counts = data?.result?.counts;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('app.compliance.title')} />
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <DayRangeInputs range={range} fromLabel={translate('app.compliance.from')} toLabel={translate('app.compliance.to')} />
          <Autocomplete
            size="small"
            fullWidth={false}
            sx={{ width: 220 }}
            options={(brands ?? []) as Array<{ id: number; handle: string }>}
            getOptionLabel={(o) => o.handle}
            value={brand}
            onChange={(_e, v) => setBrand(v)}
            renderInput={(p) => <TextField {...p} fullWidth label={translate('app.compliance.brand')} />}
          />
          <Autocomplete
            size="small"
            fullWidth={false}
            sx={{ width: 220 }}
            options={(creators ?? []) as Array<{ id: number; handle: string }>}
            getOptionLabel={(o) => o.handle}
            value={creator}
            onChange={(_e, v) => setCreator(v)}
            renderInput={(p) => <TextField {...p} fullWidth label={translate('app.compliance.creator')} />}
          />
          <Button variant="contained" onClick={start}>
            {translate('app.compliance.generate')}
          </Button>
        </Stack>
        <DayRangeHint />
        {data && <JobProgress job={data} testId="report-status" label={translate('app.compliance.progress')} />}
        {counts && (
          <Box>
            <Typography variant="body1" sx={{ my: 1 }}>
              {translate('app.compliance.summary', { ...counts })}
            </Typography>
            <Button variant="outlined" onClick={download}>
              {translate('app.compliance.download')}
            </Button>
            <Table size="small" sx={{ mt: 2 }} aria-label={translate('app.compliance.cases')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.posts.fields.id')}</TableCell>
                  <TableCell>{translate('resources.posts.fields.authorId')}</TableCell>
                  <TableCell>{translate('app.compliance.brand')}</TableCell>
                  <TableCell align="right">{translate('resources.posts.fields.reach')}</TableCell>
                  <TableCell>{translate('resources.posts.fields.body')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.result!.cases.slice(0, 50).map((c) => (
                  <TableRow key={c.postId}>
                    <TableCell>{c.postId}</TableCell>
                    <TableCell>{c.author}</TableCell>
                    <TableCell>{c.brands.join(', ')}</TableCell>
                    <TableCell align="right">{c.reach}</TableCell>
                    <TableCell sx={{ maxWidth: 520 }}>
                      {c.spans ? <EvidenceText text={c.text} spans={c.spans} /> : c.text.slice(0, 120)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
