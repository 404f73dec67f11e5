import { Card, CardContent, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { ReputationHistoryChart } from './ReputationHistoryChart';
import { callApi } from '../common/callApi';
import { ROUTES } from '../../../contract/routes';

/** The author's reputation over time, from the evidence that built it. */
export function ReputationChart({ accountId }: { accountId: number }) {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['reputation', accountId],
    queryFn: async () => callApi(ROUTES.reputation, { params: { id: accountId } }),
  });
  if (!data) return null;
  return (
    <Card variant="outlined" sx={{ maxWidth: 820 }}>
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          {translate('app.evidence.reputation', { score: data.score.toFixed(0), confidence: (data.confidence * 100).toFixed(0) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.evidence.components', {
            discussion: (data.components.discussion.score * 100).toFixed(0),
            commerce: (data.components.commerce.score * 100).toFixed(0),
          })}
        </Typography>
        <ReputationHistoryChart history={data.history} height={180} />
      </CardContent>
    </Card>
  );
}
