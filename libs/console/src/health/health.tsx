import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { Section, useAction } from '../action.js';
import type { HealthClient, IncomingReferral } from '../api.js';
import type { components } from '../api/health.schema.js';
import { optionsOf, SelectInput, TextInput } from '../fields.js';
import { useDates, useI18n } from '../i18n.js';
import { INBOX_REFRESH_MS } from '../service/inbox.js';
import { today } from '../shelter/board.js';

type Setting = components['schemas']['VisitBody']['setting'];
type Visum = components['schemas']['VisumRequestView'];

/** On a health referral's page: the care recorded under it, and a visit recorded. */
export function HealthRecordsSection({ api, referral }: { api: HealthClient; referral: IncomingReferral }) {
  const { t, dict } = useI18n();
  const queries = useQueryClient();
  const id = referral.referralId;
  const records = useQuery({
    queryKey: ['health-records', id],
    queryFn: async () => (await api.GET('/referrals/{id}/health-records', { params: { path: { id } } })).data ?? [],
    enabled: referral.state !== 'requested',
  });
  const form = useForm<{ visitedOn: string; setting: string; notes: string }>({
    defaultValues: { visitedOn: today(), setting: '', notes: '' },
  });
  const visit = useAction(
    form,
    (v, key) =>
      api.POST('/referrals/{id}/visits', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { visitedOn: v.visitedOn, setting: v.setting as Setting, notes: v.notes || undefined },
      }),
    () => void queries.invalidateQueries({ queryKey: ['health-records', id] }),
  );
  if (referral.state === 'requested') return null;
  return (
    <Section id="health-records" title={t('healthRecords')}>
      {records.data && records.data.length ? (
        <ul>
          {records.data.map((r) => (
            <li key={r.id} data-record={r.activity}>
              {r.occurredOn}: {dict.healthActivity[r.activity]}
              {r.kind && r.activity === 'health-visit' && r.kind in dict.visitSetting
                ? ` (${dict.visitSetting[r.kind as Setting]})`
                : r.kind
                  ? ` (${r.kind})`
                  : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noHealthRecords')}</p>
      )}
      {referral.state === 'accepted' ? (
        <Form onSubmit={(e) => void visit.onSubmit(e)} aria-label={t('recordVisit')} id="record-visit">
          <TextInput control={form.control} name="visitedOn" label={t('visitedOn')} type="date" isRequired />
          <SelectInput
            control={form.control}
            name="setting"
            label={t('setting')}
            options={optionsOf(Object.keys(dict.visitSetting) as Setting[], dict.visitSetting)}
            isRequired
          />
          <TextInput control={form.control} name="notes" label={t('notes')} multiline />
          <Button type="submit" className="secondary" isDisabled={visit.pending}>
            {t('recordVisit')}
          </Button>
          {visit.status}
        </Form>
      ) : null}
    </Section>
  );
}

function IssueForm({ api, request }: { api: HealthClient; request: Visum }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const form = useForm<{ referenceNumber: string; issuedOn: string }>({ defaultValues: { referenceNumber: '', issuedOn: today() } });
  const issue = useAction(
    form,
    (v, key) =>
      api.POST('/visum-requests/{id}/issue', {
        params: { path: { id: request.id }, header: { 'Idempotency-Key': key } },
        body: { referenceNumber: v.referenceNumber, issuedOn: v.issuedOn },
      }),
    () => void queries.invalidateQueries({ queryKey: ['visum-requests'] }),
  );
  return (
    <Form onSubmit={(e) => void issue.onSubmit(e)} aria-label={t('issueVisum')} className="issue-visum">
      <div className="grid">
        <TextInput control={form.control} name="referenceNumber" label={t('referenceNumber')} isRequired />
        <TextInput control={form.control} name="issuedOn" label={t('issuedOn')} type="date" isRequired />
      </div>
      <Button type="submit" className="primary" isDisabled={issue.pending}>
        {t('issueVisum')}
      </Button>
      {issue.status}
    </Form>
  );
}

/** The police's visum requests: matched to our patient, then issued with the report's number (only that goes back). */
export function VisumRequestsPage({ api }: { api: HealthClient }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const requests = useQuery({
    queryKey: ['visum-requests'],
    queryFn: async () => (await api.GET('/visum-requests')).data ?? [],
    refetchInterval: INBOX_REFRESH_MS,
  });
  return (
    <section aria-labelledby="visum-title">
      <h1 id="visum-title">{t('visumTitle')}</h1>
      <p className="hint">{t('inboxLive')}</p>
      {requests.data && requests.data.length === 0 ? <p>{t('noVisum')}</p> : null}
      {(requests.data ?? []).map((r) => (
        <Section key={r.id} id={`visum-${r.id}`} title={`${r.letterNumber} · ${dict.visumKind[r.kind]}`}>
          <div data-visum={r.id} data-letter={r.letterNumber} data-state={r.state}>
            <p>
              {t('requestedOn')}: {r.requestedOn} · {t('receivedAt')} {dateTime(r.receivedAt)} · <strong>{dict.visumState[r.state]}</strong>
            </p>
            {r.state === 'issued' ? (
              <p className="notice">{t('visumIssued', { number: r.referenceNumber ?? '', date: r.issuedOn ?? '' })}</p>
            ) : null}
            {r.state === 'requested' && r.waitingForReferral ? <p className="warning">{t('waitingForReferral')}</p> : null}
            {r.state === 'requested' && !r.waitingForReferral ? (
              <>
                {r.matchedReferralId ? (
                  <p>
                    <a href={`#/referrals/${r.matchedReferralId}`}>{t('matchedPatient')}</a>
                  </p>
                ) : null}
                <IssueForm api={api} request={r} />
              </>
            ) : null}
          </div>
        </Section>
      ))}
    </section>
  );
}
