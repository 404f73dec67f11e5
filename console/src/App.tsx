import {
  Admin,
  CustomRoutes,
  Resource,
  AppBar,
  Layout,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  ToggleThemeButton,
  UserMenu,
  useGetIdentity,
  useLocales,
  useThemesContext,
  useTranslate,
  type LayoutProps,
} from 'react-admin';
import { Route } from 'react-router-dom';
import { dataProvider } from './dataProvider';
import { createAuthProvider } from './authProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { lazyPage } from './common/lazyPage';
import { LoginPage } from './layout/LoginPage';
import { AppMenu } from './layout/AppMenu';
import { DecisionUndoProvider } from './flags/DecisionUndo';
import flags from './flags';
import posts from './posts';
import accounts from './accounts';
import transactions from './transactions';
import partnerships from './partnerships';
import decisions from './decisions';
import staff from './staff';
import apiKeys from './apiKeys';
import auditLog from './auditLog';
import policies from './policies';
import policyLists from './policyLists';
import reports from './reports';
import webhooks from './webhooks';
import webhookDeliveries from './webhookDeliveries';
import statements from './statements';
import appeals from './appeals';
import models from './models';
import labels from './labels';
import queueSettings from './queueSettings';
import noteTemplates from './noteTemplates';

const authProvider = createAuthProvider();

// Pages split by route: each loads its code (and the charts) when first opened.
const Dashboard = lazyPage(() => import('./dashboard/Dashboard').then((m) => m.Dashboard));
const ComplianceReportPage = lazyPage(() => import('./compliance/ComplianceReportPage').then((m) => m.ComplianceReportPage));
const CommunityHealthPage = lazyPage(() => import('./community/CommunityHealthPage').then((m) => m.CommunityHealthPage));
const SupervisorPage = lazyPage(() => import('./supervisor/SupervisorPage').then((m) => m.SupervisorPage));
const TransparencyReportPage = lazyPage(() => import('./transparency/TransparencyReportPage').then((m) => m.TransparencyReportPage));

/** react-admin names the user button "Profile" while showing the member's name; the name must be part of what is announced (WCAG 2.5.3). */
function AppUserMenu() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ? translate('app.menu.user', { name: identity.fullName }) : undefined}>
      <Logout />
    </UserMenu>
  );
}

/**
 * react-admin's own toolbar, except that the loading spinner has a name: unnamed, it is a
 * progressbar announced as nothing (WCAG 4.1.2), and axe flags any page caught while loading.
 */
function AppToolbar() {
  const translate = useTranslate();
  const locales = useLocales();
  const { darkTheme } = useThemesContext();
  return (
    <>
      {locales && locales.length > 1 ? <LocalesMenuButton /> : null}
      {darkTheme && <ToggleThemeButton />}
      <LoadingIndicator {...({ 'aria-label': translate('ra.page.loading') } as object)} />
    </>
  );
}

function AppAppBar() {
  return <AppBar userMenu={<AppUserMenu />} toolbar={<AppToolbar />} />;
}

function AppLayout({ children, ...props }: LayoutProps) {
  return (
    <Layout {...props} menu={AppMenu} appBar={AppAppBar}>
      <DecisionUndoProvider>{children}</DecisionUndoProvider>
    </Layout>
  );
}

export function App() {
  return (
    <Admin
      title="Trust Console"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      loginPage={LoginPage}
      layout={AppLayout}
      requireAuth
      disableTelemetry
    >
      <Resource name="flags" {...flags} />
      <Resource name="posts" {...posts} />
      <Resource name="accounts" {...accounts} />
      <Resource name="transactions" {...transactions} />
      <Resource name="partnerships" {...partnerships} />
      <Resource name="decisions" {...decisions} />
      <Resource name="reports" {...reports} />
      <Resource name="appeals" {...appeals} />
      <Resource name="statements" {...statements} />
      <Resource name="policies" {...policies} />
      <Resource name="policy-lists" {...policyLists} />
      <Resource name="policy-versions" />
      <Resource name="model-versions" {...models} />
      <Resource name="labels" {...labels} />
      <Resource name="model-training-runs" />
      <Resource name="queue-settings" {...queueSettings} />
      <Resource name="note-templates" {...noteTemplates} />
      <CustomRoutes>
        <Route path="/compliance-report" element={<ComplianceReportPage />} />
        <Route path="/community-health" element={<CommunityHealthPage />} />
        <Route path="/transparency-report" element={<TransparencyReportPage />} />
        <Route path="/supervisor" element={<SupervisorPage />} />
      </CustomRoutes>
      <Resource name="backtests" />
      <Resource name="transparency-reports" />
      <Resource name="staff" {...staff} />
      <Resource name="api-keys" {...apiKeys} />
      <Resource name="webhook-subscriptions" {...webhooks} />
      <Resource name="webhook-deliveries" {...webhookDeliveries} />
      <Resource name="audit-log" {...auditLog} />
    </Admin>
  );
}
