import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { useAction, Section } from '../action.js';
import { messageOf, type IntakeClient } from '../api.js';
import { SelectInput, TextInput } from '../fields.js';
import { useDates, useI18n } from '../i18n.js';
import { navigate } from '../shell.js';
import { useSession, type Session } from '../session.js';
import type { CaseSectionProps } from './case-section.js';

/** How often a waiting hand-over is asked about: its answer comes from the other unit, not on the case's live stream. */
const WAITING_POLL_MS = 3000;

export function useAgencies(api: IntakeClient) {
  return useQuery({ queryKey: ['agencies'], queryFn: async () => (await api.GET('/agencies')).data ?? [] });
}

/**
 * The case's hand-overs to another region's UPTD PPA (an intake node in the
 * directory): each with its answer, and the request while the case is open.
 * The case stays here until the receiver accepts; then it is closed here
 * (`closed-referred`).
 */
export function HandOverSection({ api, caseId, closed, refresh }: CaseSectionProps) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const queries = useQueryClient();
  const agencies = useAgencies(api);
  const handOvers = useQuery({
    queryKey: ['handovers', caseId],
    queryFn: async () => (await api.GET('/cases/{id}/handovers', { params: { path: { id: caseId } } })).data ?? [],
    refetchInterval: (query) => (query.state.data?.some((h) => h.state === 'requested') ? WAITING_POLL_MS : false),
  });
  const answered = handOvers.data?.some((h) => h.state === 'accepted');
  const form = useForm<{ toAgencyId: string; reason: string; disclosureOverrideReason: string }>({
    defaultValues: { toAgencyId: '', reason: '', disclosureOverrideReason: '' },
  });
  const action = useAction(
    form,
    (v, key) =>
      api.POST('/cases/{id}/handovers', {
        params: { path: { id: caseId }, header: { 'Idempotency-Key': key } },
        body: { toAgencyId: v.toAgencyId, reason: v.reason, disclosureOverrideReason: v.disclosureOverrideReason || undefined },
      }),
    () => void queries.invalidateQueries({ queryKey: ['handovers', caseId] }),
  );
  const nameOf = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  // Accepted over there: the case here is closed, handed over.
  useEffect(() => {
    if (answered && !closed) refresh();
  }, [answered, closed, refresh]);
  const units = (agencies.data ?? []).filter((a) => a.node === 'intake').map((a) => ({ id: a.id, label: a.name }));
  return (
    <Section id="handover" title={t('handOver')}>
      {handOvers.data?.length ? (
        <ul>
          {handOvers.data.map((h) => (
            <li key={h.id} data-handover={h.id} data-state={h.state}>
              {t('handOverSent', { to: nameOf(h.toAgency), state: dict.handoverState[h.state], at: dateTime(h.requestedAt) })}
              {h.declineReason ? ` ${t('handOverDeclinedBecause', { reason: h.declineReason })}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noHandOvers')}</p>
      )}
      {!closed ? (
        <>
          <p className="hint">{t('handOverHint')}</p>
          <Form onSubmit={(e) => void action.onSubmit(e)} aria-label={t('requestHandOver')}>
            <SelectInput control={form.control} name="toAgencyId" label={t('handOverTo')} options={units} isRequired />
            <TextInput control={form.control} name="reason" label={t('handOverReason')} multiline isRequired />
            <TextInput control={form.control} name="disclosureOverrideReason" label={t('disclosureOverrideReason')} multiline />
            <Button type="submit" className="secondary" isDisabled={action.pending}>
              {t('requestHandOver')}
            </Button>
          </Form>
          {action.status}
        </>
      ) : null}
    </Section>
  );
}

/** A closed case taken up again, by a supervisor with her reason (recorded in the timeline). */
export function ReopenForm({ api, caseId, refresh }: { api: IntakeClient; caseId: string; refresh: () => void }) {
  const { t } = useI18n();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const action = useAction(
    form,
    (v, key) =>
      api.POST('/cases/{id}/reopen', { params: { path: { id: caseId }, header: { 'Idempotency-Key': key } }, body: { reason: v.reason } }),
    refresh,
  );
  return (
    <div id="reopen">
      <p className="hint">{t('reopenHint')}</p>
      <Form onSubmit={(e) => void action.onSubmit(e)} aria-label={t('reopen')}>
        <TextInput control={form.control} name="reason" label={t('reopenReason')} multiline isRequired />
        <Button type="submit" className="secondary" isDisabled={action.pending}>
          {t('reopen')}
        </Button>
      </Form>
      {action.status}
    </div>
  );
}

/** The cases other units asked this one to take over (a supervisor's list), newest first. */
export function IncomingHandOversPage({ api, session }: { api: IntakeClient; session: Session }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const { role } = useSession(session);
  const agencies = useAgencies(api);
  const incoming = useQuery({
    queryKey: ['handovers-incoming'],
    enabled: role === 'supervisor',
    queryFn: async () => {
      const { data, error } = await api.GET('/handovers/incoming');
      if (!data) throw new Error(messageOf(error));
      return data;
    },
    refetchInterval: WAITING_POLL_MS,
  });
  const nameOf = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  return (
    <section aria-labelledby="handovers-title">
      <h1 id="handovers-title">{t('handoversTitle')}</h1>
      {role !== 'supervisor' ? <p>{t('supervisorsOnly')}</p> : null}
      {incoming.isError ? <p role="alert">{t('loadFailed')}</p> : null}
      {incoming.data && incoming.data.length === 0 ? <p>{t('noIncomingHandOvers')}</p> : null}
      {incoming.data?.length ? (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('handOverFrom')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('riskLevel')}</th>
              <th scope="col">{t('victimCount')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('receivedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {incoming.data.map((h) => (
              <tr key={h.id} data-handover={h.id} data-state={h.state}>
                <td>
                  <a href={`#/handovers/${h.id}`}>{nameOf(h.fromAgency)}</a>
                </td>
                <td>{dict.caseKind[h.kind]}</td>
                <td>{dict.riskLevel[h.riskLevel]}</td>
                <td>{h.victims}</td>
                <td>{dict.handoverState[h.state]}</td>
                <td>{dateTime(h.receivedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** One incoming hand-over: the case as sent, accepted (a case of this unit) or declined with a reason. */
export function IncomingHandOverPage({ api, id }: { api: IntakeClient; id: string }) {
  const { t, dict } = useI18n();
  const queries = useQueryClient();
  const agencies = useAgencies(api);
  const view = useQuery({
    queryKey: ['handover-incoming', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/handovers/incoming/{id}', { params: { path: { id } } });
      if (!data) throw new Error(messageOf(error));
      return data;
    },
  });
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['handover-incoming', id] });
    void queries.invalidateQueries({ queryKey: ['handovers-incoming'] });
  };
  const acceptForm = useForm<Record<string, never>>({ defaultValues: {} });
  const accept = useAction(
    acceptForm,
    async (_v, key) => {
      const answer = await api.POST('/handovers/incoming/{id}/accept', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: {},
      });
      if (answer.data) navigate(`/cases/${answer.data.caseId}`);
      return answer;
    },
    refresh,
  );
  const declineForm = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const decline = useAction(
    declineForm,
    (v, key) =>
      api.POST('/handovers/incoming/{id}/decline', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { reason: v.reason },
      }),
    refresh,
  );
  if (view.isPending) return <p>{t('loading')}</p>;
  if (!view.data) return <p role="alert">{t('loadFailed')}</p>;
  const h = view.data;
  const from = agencies.data?.find((a) => a.id === h.fromAgency)?.name ?? h.fromAgency;
  return (
    <article aria-labelledby="handover-title" data-handover={h.id} data-state={h.state}>
      <h1 id="handover-title">{t('handOverTitle', { from })}</h1>
      <p className="facts">
        {dict.caseKind[h.case.kind]} · {dict.riskLevel[h.case.riskLevel]} · {dict.channel[h.case.channel]} · {h.case.district} ·{' '}
        <strong>{dict.handoverState[h.state]}</strong>
      </p>
      <dl className="details">
        <dt>{t('handOverReason')}</dt>
        <dd>{h.case.reason}</dd>
        {h.case.disclosureOverrideReason ? (
          <>
            <dt>{t('disclosureOverrideReason')}</dt>
            <dd>{h.case.disclosureOverrideReason}</dd>
          </>
        ) : null}
        <dt>{t('victims')}</dt>
        <dd>
          <ul>
            {h.case.victims.map((v, i) => (
              <li key={i}>
                {v.name} · {dict.sex[v.sex]}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {h.state === 'requested' ? (
        <div className="columns">
          <Section id="accept-handover" title={t('acceptHandOver')}>
            <Form onSubmit={(e) => void accept.onSubmit(e)} aria-label={t('acceptHandOver')}>
              <Button type="submit" className="primary" isDisabled={accept.pending}>
                {t('acceptHandOver')}
              </Button>
            </Form>
            {accept.status}
          </Section>
          <Section id="decline-handover" title={t('declineHandOver')}>
            <Form onSubmit={(e) => void decline.onSubmit(e)} aria-label={t('declineHandOver')}>
              <TextInput control={declineForm.control} name="reason" label={t('declineReason')} multiline isRequired />
              <Button type="submit" className="secondary" isDisabled={decline.pending}>
                {t('declineHandOver')}
              </Button>
            </Form>
            {decline.status}
          </Section>
        </div>
      ) : h.caseId ? (
        <p>
          <a href={`#/cases/${h.caseId}`}>{t('openAcceptedCase')}</a>
        </p>
      ) : null}
    </article>
  );
}
