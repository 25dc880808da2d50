import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import type { IntakeClient } from '../api.js';
import { useDates, useI18n } from '../i18n.js';
import { useLiveStream } from '../live.js';
import { newIdempotencyKey, useSession, type Session } from '../session.js';
import { useAgencies } from './handovers.js';
import { DueFollowUps } from './notes.js';

/**
 * The lists change as agencies answer (the live stream says so at once) and
 * as deadlines pass (asked again this often).
 */
const REFRESH_MS = 60_000;

/** Every query of this page, read again when the live stream says something changed. */
const PAGE_QUERIES = ['alerts', 'overdue', 'waiting', 'declined', 'handovers-incoming', 'my-changes', 'follow-ups-due'];

function List({ id, title, count, children }: { id: string; title: string; count: number | undefined; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`${id}-title`} className="card" data-list={id}>
      <h2 id={`${id}-title`}>
        {title}
        {count ? ` (${count})` : ''}
      </h2>
      {count ? <ul>{children}</ul> : <p>{t('nothingWaits')}</p>}
    </section>
  );
}

/**
 * Perlu tindakan: what waits for her, from the lists the API keeps (supervisors'
 * alerts, her cases past their first-response deadline, referrals no agency
 * answered, declined referrals nobody took up, incoming hand-overs, her
 * follow-ups due), each linking to the case.
 */
export function NeedsMePage({ api, session }: { api: IntakeClient; session: Session }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const { role } = useSession(session);
  const queries = useQueryClient();
  const agencies = useAgencies(api);
  const supervisor = role === 'supervisor';
  const poll = { refetchInterval: REFRESH_MS } as const;
  const alerts = useQuery({
    queryKey: ['alerts'],
    enabled: supervisor,
    queryFn: async () => (await api.GET('/alerts')).data ?? [],
    ...poll,
  });
  const overdue = useQuery({ queryKey: ['overdue'], queryFn: async () => (await api.GET('/triage/overdue')).data ?? [], ...poll });
  const waiting = useQuery({ queryKey: ['waiting'], queryFn: async () => (await api.GET('/referrals/waiting')).data ?? [], ...poll });
  const declined = useQuery({ queryKey: ['declined'], queryFn: async () => (await api.GET('/referrals/declined')).data ?? [], ...poll });
  const incoming = useQuery({
    queryKey: ['handovers-incoming'],
    enabled: supervisor,
    queryFn: async () => ((await api.GET('/handovers/incoming')).data ?? []).filter((h) => h.state === 'requested'),
    ...poll,
  });
  const acknowledge = useMutation({
    mutationFn: (id: string) =>
      api.POST('/alerts/{id}/acknowledge', { params: { path: { id }, header: { 'Idempotency-Key': newIdempotencyKey() } } }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['alerts'] }),
  });
  const changes = useQuery({ queryKey: ['my-changes'], queryFn: async () => (await api.GET('/me/changes')).data, ...poll });
  const seen = useMutation({
    mutationFn: (shown: ReadonlyArray<{ id: string; at: string }>) =>
      api.POST('/me/changes/seen', { body: { upTo: shown[0].at, ids: shown.map((c) => c.id) } }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['my-changes'] }),
  });
  const refreshAll = useCallback(() => {
    for (const key of PAGE_QUERIES) void queries.invalidateQueries({ queryKey: [key] });
  }, [queries]);
  const ticket = useCallback(async () => (await api.POST('/auth/stream-ticket', {})).data?.ticket, [api]);
  const live = useLiveStream(session, ticket, '/me/live', 'work', refreshAll);
  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  const openAlerts = (alerts.data ?? []).filter((a) => !a.acknowledgedAt);
  return (
    <section aria-labelledby="needs-me-title" className="needs-me">
      <h1 id="needs-me-title">{t('needsMeTitle')}</h1>
      <p className="hint" data-live={live ? 'on' : 'off'}>
        {t('needsMeHint', { seconds: String(REFRESH_MS / 1000) })}
      </p>
      <List id="changes" title={t('changesTitle')} count={changes.data?.changes.length}>
        {(changes.data?.changes ?? []).map((c) => (
          <li key={c.id} data-case={c.caseId} data-what={c.what}>
            <time dateTime={c.at}>{dateTime(c.at)}</time> · <a href={`#/cases/${c.caseId}`}>{c.caseNumber}</a> ·{' '}
            {(dict.timelineEntry as Record<string, string>)[c.what] ?? c.what} · {agencyName(c.agency)}
          </li>
        ))}
      </List>
      {changes.data?.changes.length ? (
        <p className="changes-seen">
          <span className="hint">{t('changesSince', { at: dateTime(changes.data.since) })}</span>{' '}
          <Button className="secondary" onPress={() => seen.mutate(changes.data!.changes)} isDisabled={seen.isPending}>
            {t('markSeen')}
          </Button>
        </p>
      ) : null}
      {supervisor ? (
        <List id="alerts" title={t('alertsTitle')} count={openAlerts.length}>
          {openAlerts.map((a) => (
            <li key={a.id} data-alert={a.id} className="warning">
              <time dateTime={a.raisedAt}>{dateTime(a.raisedAt)}</time>{' '}
              {(dict.timelineEntry as Record<string, string>)[`alert.${a.kind}`] ?? a.kind} ·{' '}
              <a href={`#/cases/${a.caseId}`}>{t('openCase')}</a>{' '}
              <Button className="link-button" onPress={() => acknowledge.mutate(a.id)} isDisabled={acknowledge.isPending}>
                {t('acknowledgeAlert')}
              </Button>
            </li>
          ))}
        </List>
      ) : null}
      <List id="overdue" title={t('overdueTitle')} count={overdue.data?.length}>
        {(overdue.data ?? []).map((c) => (
          <li key={c.id} data-case={c.id} className="warning">
            <a href={`#/cases/${c.id}`}>{c.caseNumber}</a> · {dict.riskLevel[c.riskLevel]} ·{' '}
            {t('dueSince', { at: dateTime(c.firstResponseDueAt) })}
          </li>
        ))}
      </List>
      <List id="waiting" title={t('waitingTitle')} count={waiting.data?.length}>
        {(waiting.data ?? []).map((r) => (
          <li key={r.id} data-referral={r.id}>
            <a href={`#/cases/${r.caseId}`}>{r.caseNumber}</a> · {dict.service[r.service]} → {agencyName(r.agencyId)} ·{' '}
            {t('hoursWaiting', { hours: String(Math.floor(r.hoursWaiting)) })}
          </li>
        ))}
      </List>
      <List id="declined" title={t('declinedTitle')} count={declined.data?.length}>
        {(declined.data ?? []).map((r) => (
          <li key={r.id} data-referral={r.id}>
            <a href={`#/cases/${r.caseId}`}>{r.caseNumber}</a> · {dict.service[r.service]} ← {agencyName(r.agencyId)} ·{' '}
            {dateTime(r.declinedAt)}
          </li>
        ))}
      </List>
      {supervisor ? (
        <List id="incoming" title={t('incomingTitle')} count={incoming.data?.length}>
          {(incoming.data ?? []).map((h) => (
            <li key={h.id} data-handover={h.id}>
              <a href={`#/handovers/${h.id}`}>{t('handOverTitle', { from: agencyName(h.fromAgency) })}</a>
            </li>
          ))}
        </List>
      ) : null}
      <DueFollowUps api={api} />
    </section>
  );
}
