import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { Section, useAction, type Answer } from '../action.js';
import { messageOf, type IncomingReferral, type ReferralClient, type ShelterSchemas } from '../api.js';
import { optionsOf, SelectInput, TextInput } from '../fields.js';
import { useDates, useI18n } from '../i18n.js';
import type { Session } from '../session.js';
import { INBOX_REFRESH_MS } from './inbox.js';

type DeclineCode = ShelterSchemas['DeclineReferralBody']['code'];

/** What a role adds to a referral's page: its completion (where the node has one) and its own records. */
export interface ReferralExtras {
  complete?: (id: string, note: string, key: string) => Promise<Answer>;
  sections?: (referral: IncomingReferral, refresh: () => void) => ReactNode;
}

export function useReferral(api: ReferralClient, id: string) {
  return useQuery({
    queryKey: ['referral', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/referrals/{id}', { params: { path: { id } } });
      if (!data) throw new Error(messageOf(error));
      return data;
    },
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** One referral: the details this agency may know, accept, decline with a code and a note, complete. */
export function ReferralPage({ api, session, id, extras }: { api: ReferralClient; session: Session; id: string; extras?: ReferralExtras }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const queries = useQueryClient();
  const view = useReferral(api, id);
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['referral', id] });
    void queries.invalidateQueries({ queryKey: ['referrals'] });
  };
  const acceptForm = useForm<Record<string, never>>();
  const accept = useAction(
    acceptForm,
    (_v, key) => api.POST('/referrals/{id}/accept', { params: { path: { id }, header: { 'Idempotency-Key': key } } }),
    refresh,
  );
  const declineForm = useForm<{ code: string; reason: string }>({ defaultValues: { code: '', reason: '' } });
  const decline = useAction(
    declineForm,
    (v, key) =>
      api.POST('/referrals/{id}/decline', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { code: v.code as DeclineCode, reason: v.reason },
      }),
    refresh,
  );
  const completeForm = useForm<{ note: string }>({ defaultValues: { note: '' } });
  const complete = useAction(completeForm, (v, key) => extras!.complete!(id, v.note, key), refresh);

  if (view.isPending) return <p>{t('loading')}</p>;
  if (!view.data) return <p role="alert">{t('loadFailed')}</p>;
  const r = view.data;
  const p = r.person;
  const me = session.staffId();
  const open = r.state === 'requested' || r.state === 'accepted';
  const details: Array<[string, ReactNode]> = [
    [t('sex'), p.sex ? dict.sex[p.sex] : undefined],
    [t('ageYears'), p.ageYears],
    [t('idNumber'), p.idNumber],
    [t('victimDistrict'), p.district],
    [t('safetyNotes'), p.safetyNotes],
    [t('violenceTypes'), p.violenceTypes?.map((v) => dict.violenceType[v]).join(', ')],
    [t('incidentDate'), p.incidentDate],
    [t('incidentPlace'), p.incidentPlace ? dict.incidentPlace[p.incidentPlace] : undefined],
    [t('perpetratorRelation'), p.perpetratorRelation ? dict.relation[p.perpetratorRelation] : undefined],
    [t('narrative'), p.incidentNarrative],
    [t('requestNotes'), p.requestNotes],
  ];
  return (
    <article aria-labelledby="referral-title" data-referral={r.referralId} data-state={r.state}>
      <p>
        <a href="#/inbox/new">{t('backToInbox')}</a>
      </p>
      <h1 id="referral-title">{t('referralTitle', { name: p.name ?? r.referralId.slice(0, 8) })}</h1>
      <p className="facts">
        {r.service ? dict.service[r.service] : '—'} · <strong>{t('referralState', { state: dict.referralState[r.state] })}</strong> ·{' '}
        {r.assigneeId ? (r.assigneeId === me ? t('assignedToMe') : t('assignedToOther')) : t('unassigned')} · {t('receivedAt')}{' '}
        {dateTime(r.receivedAt)}
      </p>
      {r.state === 'declined' ? (
        <p className="notice">
          {t('declinedBecause', { code: r.declineCode ? dict.declineCode[r.declineCode] : '—', note: r.declineReason ?? '' })}
        </p>
      ) : null}
      {r.state === 'completed' && r.completionNote ? <p className="notice">{t('completedWith', { note: r.completionNote })}</p> : null}
      {r.state === 'revoked' ? <p className="warning">{t('revokedBecause', { note: r.revokeReason ?? '' })}</p> : null}
      <div className="columns">
        <Section id="person" title={t('person')}>
          <p className="hint">{t('allowedDetails', { service: r.service ? dict.service[r.service] : '—' })}</p>
          <dl className="details">
            {details
              .filter(([, value]) => value !== undefined && value !== null && value !== '')
              .map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        </Section>
        {open ? (
          <Section id="answer" title={t('status')}>
            {r.state === 'requested' ? (
              <Form onSubmit={(e) => void accept.onSubmit(e)} aria-label={t('accept')}>
                <Button type="submit" className="primary" id="accept" isDisabled={accept.pending}>
                  {t('accept')}
                </Button>
                {accept.status}
              </Form>
            ) : null}
            <Form onSubmit={(e) => void decline.onSubmit(e)} aria-label={t('decline')} id="decline">
              <SelectInput
                control={declineForm.control}
                name="code"
                label={t('declineCode')}
                options={optionsOf(Object.keys(dict.declineCode) as DeclineCode[], dict.declineCode)}
                isRequired
                rules={{ required: t('required') }}
              />
              <TextInput control={declineForm.control} name="reason" label={t('declineNote')} multiline isRequired />
              <Button type="submit" className="secondary" isDisabled={decline.pending}>
                {t('decline')}
              </Button>
              {decline.status}
            </Form>
            {extras?.complete && r.state === 'accepted' ? (
              <Form onSubmit={(e) => void complete.onSubmit(e)} aria-label={t('complete')} id="complete">
                <TextInput control={completeForm.control} name="note" label={t('completionNote')} multiline isRequired />
                <Button type="submit" className="secondary" isDisabled={complete.pending}>
                  {t('complete')}
                </Button>
                {complete.status}
              </Form>
            ) : null}
          </Section>
        ) : null}
        {extras?.sections?.(r, refresh)}
      </div>
    </article>
  );
}
