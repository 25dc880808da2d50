import { healthClient, referralClient } from '../api.js';
import { servicePages } from '../service/pages.js';
import { startConsole } from '../shell.js';

/** The Puskesmas's or hospital's console (the health node): its referral inbox, accept, decline, complete. */
startConsole('health', (session) => {
  const api = healthClient(session);
  return servicePages(referralClient(session), session, {
    complete: (id, note, key) =>
      api.POST('/referrals/{id}/complete', { params: { path: { id }, header: { 'Idempotency-Key': key } }, body: { note } }),
  });
});
