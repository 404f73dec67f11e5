import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A job's state and progress bar, for anything queued in PostgreSQL (backtests, reports). */
export function JobProgress({
  job,
  testId,
  label,
}: {
  job: { status: string; processed: number; total: number | null; error?: string | null };
  testId: string;
  label: string;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ my: 1 }}>
      <Typography variant="body2" data-testid={testId}>
        {translate(`enums.backtest_status.${job.status}`)} · {job.processed} / {job.total ?? '…'}
      </Typography>
      <LinearProgress
        variant={job.total ? 'determinate' : 'indeterminate'}
        value={job.total ? (100 * job.processed) / job.total : 0}
        aria-label={label}
      />
      {job.error && <Typography color="error">{job.error}</Typography>}
    </Box>
  );
}
