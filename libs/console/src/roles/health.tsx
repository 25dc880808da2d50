import { healthClient, referralClient } from '../api.js';
import { HealthRecordsSection, VisumRequestsPage } from '../health/health.js';
import { servicePages } from '../service/pages.js';
import { startConsole } from '../shell.js';

/** The Puskesmas's or hospital's console (the health node): its referral inbox, visits, visum requests. */
startConsole('health', (session) => {
  const api = healthClient(session);
  const [inbox, ...rest] = servicePages(referralClient(session), session, {
    complete: (id, note, key) =>
      api.POST('/referrals/{id}/complete', { params: { path: { id }, header: { 'Idempotency-Key': key } }, body: { note } }),
    sections: (referral) => <HealthRecordsSection api={api} referral={referral} />,
  });
  return [inbox, { path: '/visum', nav: 'navVisum', render: () => <VisumRequestsPage api={api} /> }, ...rest];
});
