import type { ReferralClient } from '../api.js';
import type { Session } from '../session.js';
import type { ConsolePage } from '../shell.js';
import { InboxPage, REFERRAL_STATES } from './inbox.js';
import { ReferralPage, type ReferralExtras } from './referral.js';

/** Every service node's pages: the inbox (new first), one referral; the role's own pages follow. */
export function servicePages(api: ReferralClient, session: Session, extras?: ReferralExtras): ConsolePage[] {
  return [
    { path: '/inbox/new', nav: 'navInbox', render: () => <InboxPage key="new" api={api} session={session} view={{ kind: 'new' }} /> },
    { path: '/inbox/mine', render: () => <InboxPage key="mine" api={api} session={session} view={{ kind: 'mine' }} /> },
    {
      path: '/inbox/state/:state',
      render: ({ state }) => {
        const known = REFERRAL_STATES.find((s) => s === state) ?? 'requested';
        return <InboxPage key={known} api={api} session={session} view={{ kind: 'state', state: known }} />;
      },
    },
    { path: '/referrals/:id', render: ({ id }) => <ReferralPage key={id} api={api} session={session} id={id} extras={extras} /> },
  ];
}
