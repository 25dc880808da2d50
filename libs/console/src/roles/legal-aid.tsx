import { legalAidClient, referralClient } from '../api.js';
import { servicePages } from '../service/pages.js';
import { startConsole } from '../shell.js';

/** The police Unit PPA's or legal aid's console (the legal-aid node): its referral inbox, accept, decline, complete. */
startConsole('legal-aid', (session) => {
  const api = legalAidClient(session);
  return servicePages(referralClient(session), session, {
    complete: (id, note, key) =>
      api.POST('/referrals/{id}/complete', { params: { path: { id }, header: { 'Idempotency-Key': key } }, body: { note } }),
  });
});
