import { useI18n } from '../i18n.js';
import { startConsole } from '../shell.js';

function DashboardPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboardTitle')}</h1>
      <p>{t('dashboardLead')}</p>
      <p>
        <a className="button primary" href="/dashboard" id="open-dashboard">
          {t('openDashboard')}
        </a>
      </p>
    </section>
  );
}

/** The task force's console (the reporting node): the analyst and supervisor reach the dashboard from it. */
startConsole('reporting', () => [{ path: '/dashboard', nav: 'dashboardTitle', render: () => <DashboardPage /> }]);
