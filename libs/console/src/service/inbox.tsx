import { useQuery } from '@tanstack/react-query';
import type { IncomingReferral, ReferralClient } from '../api.js';
import { useDates, useI18n, type Dictionary } from '../i18n.js';
import type { Session } from '../session.js';

type State = keyof Dictionary['referralState'];
export const REFERRAL_STATES = ['requested', 'accepted', 'declined', 'revoked', 'completed'] as const satisfies readonly State[];

/** How often an open inbox asks its node again: a referral made at intake shows without a reload. */
export const INBOX_REFRESH_MS = 3000;

/** The inbox's views: new (waiting for an answer), mine (accepted by her), or one state. */
export type InboxView = { kind: 'new' } | { kind: 'mine' } | { kind: 'state'; state: State };

export function useReferrals(api: ReferralClient, state?: State) {
  return useQuery({
    queryKey: ['referrals', state ?? 'all'],
    queryFn: async () => {
      const { data, error } = await api.GET('/referrals', { params: { query: state ? { state } : {} } });
      if (!data) throw new Error(JSON.stringify(error));
      return data;
    },
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** The referral inbox: who is coming, hers, and the rest by state; it refreshes itself while open. */
export function InboxPage({ api, session, view }: { api: ReferralClient; session: Session; view: InboxView }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const referrals = useReferrals(api, view.kind === 'new' ? 'requested' : view.kind === 'state' ? view.state : undefined);
  const me = session.staffId();
  const shown = (referrals.data ?? []).filter((r) => view.kind !== 'mine' || r.assigneeId === me);
  const current = (href: string) => (location.hash === `#${href}` ? ('page' as const) : undefined);
  return (
    <section aria-labelledby="inbox-title" data-inbox={view.kind === 'state' ? view.state : view.kind}>
      <h1 id="inbox-title">{t('inboxTitle')}</h1>
      <nav aria-label={t('inboxTitle')} className="tabs">
        <a href="#/inbox/new" aria-current={current('/inbox/new')}>
          {t('inboxNew')}
        </a>
        <a href="#/inbox/mine" aria-current={current('/inbox/mine')}>
          {t('inboxMine')}
        </a>
        <span className="tab-group">
          {t('inboxByState')}:{' '}
          {REFERRAL_STATES.map((s) => (
            <a key={s} href={`#/inbox/state/${s}`} aria-current={current(`/inbox/state/${s}`)}>
              {dict.referralState[s]}
            </a>
          ))}
        </span>
      </nav>
      <p className="hint">{t('inboxLive')}</p>
      {referrals.isPending ? <p>{t('loading')}</p> : null}
      {referrals.isError ? <p role="alert">{t('loadFailed')}</p> : null}
      {referrals.data && shown.length === 0 ? <p>{t('inboxEmpty')}</p> : null}
      {shown.length ? (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('person')}</th>
              <th scope="col">{t('service')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('receivedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <ReferralRow key={r.referralId} r={r} me={me} dateTime={dateTime} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ReferralRow({ r, me, dateTime }: { r: IncomingReferral; me: string | null; dateTime: (iso: string) => string }) {
  const { t, dict } = useI18n();
  return (
    <tr data-referral={r.referralId} data-state={r.state}>
      <td>
        <a href={`#/referrals/${r.referralId}`}>{r.person.name ?? r.referralId.slice(0, 8)}</a>
        {r.assigneeId ? <span className="hint"> · {r.assigneeId === me ? t('assignedToMe') : t('assignedToOther')}</span> : null}
      </td>
      <td>{r.service ? dict.service[r.service] : '—'}</td>
      <td>{dict.referralState[r.state]}</td>
      <td>{dateTime(r.receivedAt)}</td>
    </tr>
  );
}
