import InboxIcon from '@mui/icons-material/Inbox';
import AssessmentIcon from '@mui/icons-material/Assessment';
import InsightsIcon from '@mui/icons-material/Insights';
import PublicIcon from '@mui/icons-material/Public';
import { useQuery } from '@tanstack/react-query';
import SupervisorAccountIcon from '@mui/icons-material/SupervisorAccount';
import { Menu, useCanAccess, useTranslate } from 'react-admin';
import { httpClient } from '../dataProvider';
import { useWorkedQueues } from '../flags/usePermissionsOf';
import { queueListPath } from '../flags/queuePaths';

type QueueSummary = { queue: string; open: number; overdue: number; slaMinutes: number | null };

/** Open and overdue items per queue in one request, refreshed every 30 seconds: the counts a moderator watches. */
function useQueueCounts(queues: readonly string[]) {
  return useQuery({
    queryKey: ['menu', 'queue-counts'],
    enabled: queues.length > 0,
    queryFn: async () =>
      Object.fromEntries(((await httpClient('/api/queues/summary')).json as QueueSummary[]).map((s) => [s.queue, s])) as Record<
        string,
        QueueSummary
      >,
    refetchInterval: 30_000,
  });
}

export function AppMenu() {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'flags', action: 'list' });
  // Only the queues this role works: the others would answer 403 at the first decision.
  const { queues, permissions } = useWorkedQueues();
  const counts = useQueueCounts(queues);
  // Both reports are for compliance and admins: the compliance report by the role table in /api/auth/me, the transparency report by its resource.
  const { canAccess: canTransparency } = useCanAccess({ resource: 'transparency-reports', action: 'list' });
  return (
    <Menu>
      <Menu.DashboardItem />
      {canAccess &&
        queues.map((queue) => (
          <Menu.Item
            key={queue}
            to={queueListPath(queue)}
            // The count is part of the visible text, so the name a screen reader announces is what a sighted user reads.
            primaryText={
              counts.data?.[queue]?.overdue
                ? translate('app.menu.queue_count_overdue', {
                    queue: translate(`enums.queue.${queue}`),
                    count: counts.data[queue].open,
                    overdue: counts.data[queue].overdue,
                  })
                : translate('app.menu.queue_count', { queue: translate(`enums.queue.${queue}`), count: counts.data?.[queue]?.open ?? 0 })
            }
            data-overdue={counts.data?.[queue]?.overdue ?? 0}
            // With its overdue count a queue's line can be longer than the menu is wide: it wraps rather than hide the numbers.
            sx={{ '& .MuiTypography-root': { whiteSpace: 'normal' } }}
            leftIcon={<InboxIcon color={counts.data?.[queue]?.overdue ? 'error' : counts.data?.[queue]?.open ? 'primary' : 'inherit'} />}
          />
        ))}
      <Menu.Item to="/community-health" primaryText={translate('app.health.menu')} leftIcon={<InsightsIcon />} />
      {permissions?.supervise && (
        <Menu.Item to="/supervisor" primaryText={translate('app.supervisor.title')} leftIcon={<SupervisorAccountIcon />} />
      )}
      <Menu.ResourceItems />
      {permissions?.complianceReports && (
        <Menu.Item to="/compliance-report" primaryText={translate('app.compliance.title')} leftIcon={<AssessmentIcon />} />
      )}
      {canTransparency && (
        <Menu.Item to="/transparency-report" primaryText={translate('app.transparency.title')} leftIcon={<PublicIcon />} />
      )}
    </Menu>
  );
}
