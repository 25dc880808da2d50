import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { BROADCAST } from '../../../contracts/src/subjects.js';
import {
  CONSENT_FORMS,
  CONSENT_PURPOSES,
  DECLINE_REASON_CODES,
  EXTERNAL_AGENCY,
  SERVICE_PROVIDERS,
  type ServiceType,
} from '../../../contracts/src/domain/vocabulary.js';
import { useAction, Section } from '../action.js';
import { messageOf, type IntakeClient, type IntakePaths, type Schemas } from '../api.js';
import { CheckboxesInput, optionsOf, SelectInput, TextInput } from '../fields.js';
import { fill, useDates, useI18n } from '../i18n.js';
import { useLiveStream } from '../live.js';
import { newIdempotencyKey, useSession, type Session } from '../session.js';
import { FirstResponseBlock, FurtherReportSection, RevokeReferralForm } from './case-work.js';
import { FunctionsSection } from './functions.js';
import { HandOverSection, ReopenForm } from './handovers.js';
import { NotesSection } from './notes.js';

const SERVICES = Object.keys(SERVICE_PROVIDERS) as ServiceType[];

/** Referral states as they change at the other agencies: the case's live stream. */
function useLiveCase(api: IntakeClient, session: Session, caseId: string, onChange: () => void) {
  const ticket = useCallback(async () => (await api.POST('/auth/stream-ticket', {})).data?.ticket, [api]);
  return useLiveStream(session, ticket, `/cases/${encodeURIComponent(caseId)}/live`, 'referrals', onChange);
}

function ConsentBlock({ api, victimId }: { api: IntakeClient; victimId: string }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const queries = useQueryClient();
  const consents = useQuery({
    queryKey: ['consents', victimId],
    queryFn: async () => (await api.GET('/victims/{id}/consents', { params: { path: { id: victimId } } })).data ?? [],
  });
  const refresh = () => void queries.invalidateQueries({ queryKey: ['consents', victimId] });
  const form = useForm<{ purpose: string; service: string; givenAs: string }>({
    defaultValues: { purpose: '', service: '', givenAs: 'verbal' },
  });
  const give = useAction(
    form,
    (v, key) =>
      api.POST('/victims/{id}/consents', {
        params: { path: { id: victimId }, header: { 'Idempotency-Key': key } },
        body: {
          purpose: v.purpose as Schemas['GiveConsentBody']['purpose'],
          service: (v.service || undefined) as Schemas['GiveConsentBody']['service'],
          givenAs: v.givenAs as Schemas['GiveConsentBody']['givenAs'],
        },
      }),
    refresh,
  );
  const withdraw = useMutation({
    mutationFn: (c: Schemas['ConsentRecord']) =>
      api.POST('/victims/{id}/consents/withdraw', {
        params: { path: { id: victimId }, header: { 'Idempotency-Key': newIdempotencyKey() } },
        body: { purpose: c.purpose, service: c.service ?? undefined },
      }),
    onSuccess: refresh,
  });
  return (
    <div className="consents">
      <h4>{t('consents')}</h4>
      <ul>
        {(consents.data ?? []).map((c) => (
          <li key={c.id} data-consent={`${c.purpose}${c.service ? `:${c.service}` : ''}`}>
            {dict.consentPurpose[c.purpose]}
            {c.service ? ` — ${dict.service[c.service]}` : ''}:{' '}
            {c.withdrawnAt
              ? t('consentWithdrawn', { at: dateTime(c.withdrawnAt) })
              : t('consentGiven', { at: dateTime(c.recordedAt), form: dict.consentForm[c.givenAs] })}
            {!c.withdrawnAt ? (
              <Button className="link-button" onPress={() => withdraw.mutate(c)} isDisabled={withdraw.isPending}>
                {t('withdrawConsent')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <Form onSubmit={(e) => void give.onSubmit(e)} className="inline-form" aria-label={t('giveConsent')}>
        <SelectInput
          control={form.control}
          name="purpose"
          label={t('purpose')}
          options={optionsOf(CONSENT_PURPOSES, dict.consentPurpose)}
          isRequired
        />
        <SelectInput control={form.control} name="service" label={t('service')} options={optionsOf(SERVICES, dict.service)} />
        <SelectInput
          control={form.control}
          name="givenAs"
          label={t('consentGivenAs')}
          options={optionsOf(CONSENT_FORMS, dict.consentForm)}
          isRequired
        />
        <Button type="submit" className="secondary" isDisabled={give.pending}>
          {t('giveConsent')}
        </Button>
      </Form>
      {give.status}
    </div>
  );
}

function AssessmentBlock({ api, caseId, victimId, refresh }: { api: IntakeClient; caseId: string; victimId: string; refresh: () => void }) {
  const { t } = useI18n();
  const form = useForm<Record<'needsInOwnWords' | 'biological' | 'psychological' | 'social' | 'spiritual' | 'expectations', string>>({
    defaultValues: { needsInOwnWords: '', biological: '', psychological: '', social: '', spiritual: '', expectations: '' },
  });
  const action = useAction(
    form,
    (v, key) =>
      api.POST('/cases/{id}/victims/{victimId}/assessments', {
        params: { path: { id: caseId, victimId }, header: { 'Idempotency-Key': key } },
        body: Object.fromEntries(Object.entries(v).filter(([, x]) => x.trim() !== '')) as Schemas['AssessmentBody'],
      }),
    refresh,
  );
  return (
    <details className="assessment">
      <summary>{t('assessment')}</summary>
      <Form onSubmit={(e) => void action.onSubmit(e)} aria-label={t('assessment')}>
        <TextInput control={form.control} name="needsInOwnWords" label={t('needsInOwnWords')} multiline isRequired />
        <div className="grid">
          <TextInput control={form.control} name="biological" label={t('biological')} multiline />
          <TextInput control={form.control} name="psychological" label={t('psychological')} multiline />
          <TextInput control={form.control} name="social" label={t('social')} multiline />
          <TextInput control={form.control} name="spiritual" label={t('spiritual')} multiline />
        </div>
        <TextInput control={form.control} name="expectations" label={t('expectations')} multiline />
        <Button type="submit" className="secondary" isDisabled={action.pending}>
          {t('saveAssessment')}
        </Button>
      </Form>
      {action.status}
    </details>
  );
}

type DirectoryEntry = IntakePaths['/agencies']['get']['responses'][200]['content']['application/json'][number];

/** The agencies that give the chosen service, live from the directory: connected or not, and a shelter's free places by room group. */
function AgencyDirectory({ agencies, service }: { agencies: DirectoryEntry[]; service: string }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const offering = agencies.filter((a) => a.services.some((s) => s.code === service));
  return (
    <div className="directory" aria-live="polite">
      <h4>{t('directoryTitle')}</h4>
      <ul>
        {offering.map((a) => (
          <li key={a.id} data-agency={a.id} data-reachable={a.reachable ? 'yes' : 'no'}>
            <strong>{a.name}</strong>
            {a.district ? ` · ${a.district}` : ''} ·{' '}
            {a.reachable
              ? t('agencyReachable')
              : a.lastSeenAt
                ? t('agencyUnreachable', { at: dateTime(a.lastSeenAt) })
                : t('agencyNeverSeen')}
            {a.full ? ` · ${t('agencyFull')}` : ''}
            {a.capacity ? (
              <>
                {' '}
                · {t('placesFree', { free: String(a.capacity.free), places: String(a.capacity.places) })}
                <ul>
                  {Object.entries(a.capacity.groups ?? {}).map(([group, c]) => {
                    const [sex, age] = [group.slice(0, group.indexOf('-')), group.slice(group.indexOf('-') + 1)];
                    const name = t('roomGroup', {
                      sex: (dict.sex as Record<string, string>)[sex] ?? sex,
                      age: (dict.ageGroup as Record<string, string>)[age] ?? age,
                    });
                    return (
                      <li key={group} data-room-group={group}>
                        {t('groupFree', { group: name, free: String(c.free), places: String(c.places) })}
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

type CaseReferral = IntakePaths['/cases/{id}']['get']['responses'][200]['content']['application/json']['referrals'][number];

/**
 * The letter of a referral outside the network: fetched with her bearer
 * token (the console has no cookies), then handed to the browser as a file.
 */
function LetterLink({ api, referralId }: { api: IntakeClient; referralId: string }) {
  const { t, lang } = useI18n();
  const [failed, setFailed] = useState(false);
  const download = useMutation({
    mutationFn: async () => {
      const { data, response } = await api.GET('/referrals/{id}/letter', {
        params: { path: { id: referralId }, query: { lang } },
        parseAs: 'blob',
      });
      if (!response.ok || !data) throw new Error(String(response.status));
      const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'surat-rujukan.pdf';
      return { blob: data, filename };
    },
    onSuccess: ({ blob, filename }) => {
      setFailed(false);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    onError: () => setFailed(true),
  });
  return (
    <>
      <Button className="link-button" data-letter={referralId} onPress={() => download.mutate()} isDisabled={download.isPending}>
        {t('downloadLetter')}
      </Button>
      {failed ? (
        <span role="alert" className="error">
          {t('letterFailed')}
        </span>
      ) : null}
    </>
  );
}

/** The outside agency's answer, recorded by hand: accepted or declined while it waits, completed once accepted. */
function ExternalAnswerForm({ api, referral, refresh }: { api: IntakeClient; referral: CaseReferral; refresh: () => void }) {
  const { t, dict } = useI18n();
  const form = useForm<{ state: string; declineCode: string; note: string }>({ defaultValues: { state: '', declineCode: '', note: '' } });
  const action = useAction(
    form,
    (v, key) =>
      api.POST('/referrals/{id}/external-answer', {
        params: { path: { id: referral.id }, header: { 'Idempotency-Key': key } },
        body: {
          state: v.state as Schemas['RecordExternalAnswerBody']['state'],
          declineCode: (v.declineCode || undefined) as Schemas['RecordExternalAnswerBody']['declineCode'],
          note: v.note || undefined,
        },
      }),
    refresh,
  );
  const answer = (state: string) => {
    form.setValue('state', state);
    void action.onSubmit();
  };
  return (
    <Form onSubmit={(e) => void action.onSubmit(e)} className="inline-form" aria-label={t('recordAnswer')} data-answer-for={referral.id}>
      {referral.state === 'requested' ? (
        <SelectInput
          control={form.control}
          name="declineCode"
          label={t('declineCode')}
          options={optionsOf(DECLINE_REASON_CODES, dict.declineCode)}
        />
      ) : null}
      <TextInput control={form.control} name="note" label={t('answerNote')} />
      {referral.state === 'requested' ? (
        <>
          <Button className="secondary" onPress={() => answer('accepted')} isDisabled={action.pending}>
            {t('answerAccepted')}
          </Button>
          <Button className="secondary" onPress={() => answer('declined')} isDisabled={action.pending}>
            {t('answerDeclined')}
          </Button>
        </>
      ) : (
        <Button className="secondary" onPress={() => answer('completed')} isDisabled={action.pending}>
          {t('answerCompleted')}
        </Button>
      )}
      {action.status}
    </Form>
  );
}

export function CasePage({ api, session, id }: { api: IntakeClient; session: Session; id: string }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const queries = useQueryClient();
  const view = useQuery({
    queryKey: ['case', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/cases/{id}', { params: { path: { id } } });
      if (!data) throw new Error(messageOf(error));
      return data;
    },
  });
  const registered = queries.getQueryData<{
    victims: Array<{ name: string; sameAs: Array<{ caseNumber?: string | null; basis?: string }> }>;
  }>(['registered', id]);
  const plan = useQuery({
    queryKey: ['plan', id],
    queryFn: async () => (await api.GET('/cases/{id}/plan', { params: { path: { id } } })).data,
  });
  const timeline = useQuery({
    queryKey: ['timeline', id],
    queryFn: async () => (await api.GET('/cases/{id}/timeline', { params: { path: { id } } })).data ?? [],
  });
  // The directory as the bus keeps it: reachability and a shelter's free places change while she looks.
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: async () => (await api.GET('/agencies')).data ?? [],
    refetchInterval: 15_000,
  });
  const [refreshAll] = useState(() => () => {
    for (const key of ['case', 'plan', 'timeline']) void queries.invalidateQueries({ queryKey: [key, id] });
  });
  const live = useLiveCase(api, session, id, refreshAll);
  const { role } = useSession(session);

  const planForm = useForm<{ victimId: string; services: string[] }>({ defaultValues: { victimId: '', services: [] } });
  const planAction = useAction(
    planForm,
    (v, key) =>
      api.POST('/cases/{id}/plan', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { victimId: v.victimId, services: v.services as Schemas['PlanBody']['services'] },
      }),
    refreshAll,
  );
  const referForm = useForm<{
    victimId: string;
    service: string;
    agencyId: string;
    agencyName: string;
    agencyAddress: string;
    requestNotes: string;
    consentOverrideReason: string;
  }>({
    defaultValues: {
      victimId: '',
      service: '',
      agencyId: '',
      agencyName: '',
      agencyAddress: '',
      requestNotes: '',
      consentOverrideReason: '',
    },
  });
  const referAction = useAction(
    referForm,
    (v, key) =>
      // An agency outside the network: a letter, its answer recorded by hand.
      v.agencyId === EXTERNAL_AGENCY
        ? api.POST('/cases/{caseId}/external-referrals', {
            params: { path: { caseId: id }, header: { 'Idempotency-Key': key } },
            body: {
              victimId: v.victimId,
              service: v.service as Schemas['ReferExternallyBody']['service'],
              agencyName: v.agencyName,
              agencyAddress: v.agencyAddress || undefined,
              requestNotes: v.requestNotes || undefined,
              consentOverrideReason: v.consentOverrideReason || undefined,
            },
          })
        : api.POST('/cases/{caseId}/referrals', {
            params: { path: { caseId: id }, header: { 'Idempotency-Key': key } },
            body: {
              victimId: v.victimId,
              service: v.service as Schemas['ReferVictimBody']['service'],
              agencyId: v.agencyId,
              requestNotes: v.requestNotes || undefined,
              consentOverrideReason: v.consentOverrideReason || undefined,
            },
          }),
    refreshAll,
  );
  const closeForm = useForm<{ note: string; overrideReason: string }>({ defaultValues: { note: '', overrideReason: '' } });
  const closeAction = useAction(
    closeForm,
    (v, key) =>
      api.POST('/cases/{id}/close', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { note: v.note, overrideReason: v.overrideReason || undefined },
      }),
    refreshAll,
  );
  const service = referForm.watch('service');
  const external = referForm.watch('agencyId') === EXTERNAL_AGENCY;
  const referredVictim = referForm.watch('victimId');
  // Her consents as the consent block keeps them: whether this service is covered (the API's rule, shown before she sends).
  const referredConsents = useQuery({
    queryKey: ['consents', referredVictim],
    enabled: !!referredVictim,
    queryFn: async () => (await api.GET('/victims/{id}/consents', { params: { path: { id: referredVictim } } })).data ?? [],
  });
  const consented = referredConsents.data?.some((r) => r.purpose === 'services' && !r.withdrawnAt && (!r.service || r.service === service));

  if (view.isPending) return <p>{t('loading')}</p>;
  if (!view.data) return <p role="alert">{t('loadFailed')}</p>;
  const c = view.data;
  const victimOptions = c.victims.map((v) => ({ id: v.id, label: v.name }));
  const nameOf = (victimId: string | null | undefined) => c.victims.find((v) => v.id === victimId)?.name ?? '—';
  const agencyName = (agencyId: string) =>
    agencyId === BROADCAST
      ? t('wholeNetwork')
      : agencyId === EXTERNAL_AGENCY
        ? t('externalAgency')
        : (agencies.data?.find((a) => a.id === agencyId)?.name ?? agencyId);
  const duplicates = (registered?.victims ?? c.victims).flatMap((v) =>
    (v.sameAs ?? []).map((s) => ({ who: v.name, case: s.caseNumber ?? t('duplicateOther'), basis: s.basis ?? '' })),
  );
  const agencyOptions = (agencies.data ?? [])
    .filter((a) => !service || a.services.some((s) => s.code === service))
    .map((a) => ({ id: a.id, label: a.name }))
    .concat([{ id: EXTERNAL_AGENCY, label: t('externalAgency') }]);

  return (
    <article aria-labelledby="case-title" data-case={c.id} data-status={c.status}>
      <h1 id="case-title">{t('caseTitle', { number: c.caseNumber })}</h1>
      <p className="facts">
        {dict.caseKind[c.kind]} · {dict.riskLevel[c.riskLevel]} · {c.district} · <strong>{dict.caseStatus[c.status]}</strong>
      </p>
      {c.closure ? null : (
        <FirstResponseBlock api={api} caseId={c.id} dueAt={c.firstResponseDueAt} respondedAt={c.firstRespondedAt} refresh={refreshAll} />
      )}
      {registered ? (
        <p role="status" className="notice">
          {t('saved', { number: c.caseNumber })}
        </p>
      ) : null}
      {duplicates.map((d, i) => (
        <p key={i} role="alert" className="warning duplicate-warning">
          {t('duplicateWarning', d)}
        </p>
      ))}
      <div className="columns">
        <Section id="victims" title={t('victims')}>
          {c.victims.map((v) => (
            <div key={v.id} className="victim" data-victim-id={v.id}>
              <h3>{v.name}</h3>
              <p>
                {dict.sex[v.sex]}
                {v.ageYears !== undefined && v.ageYears !== null ? ` · ${v.ageYears} ${dict.console.ageYears}` : ''}
                {v.idNumber ? ` · NIK ${v.idNumber}` : ''} · {v.district}
              </p>
              <ConsentBlock api={api} victimId={v.id} />
              <AssessmentBlock api={api} caseId={c.id} victimId={v.id} refresh={refreshAll} />
            </div>
          ))}
        </Section>
        <Section id="plan" title={t('plan')}>
          {plan.data && plan.data.needs.length ? (
            <ul>
              {plan.data.needs.map((n) => (
                <li key={`${n.victimId}-${n.service}`} data-need={n.service} data-need-status={n.status}>
                  {nameOf(n.victimId)}: {dict.service[n.service]} — {dict.needStatus[n.status]}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('noPlan')}</p>
          )}
          <Form onSubmit={(e) => void planAction.onSubmit(e)} aria-label={t('addToPlan')}>
            <SelectInput control={planForm.control} name="victimId" label={t('forVictim')} options={victimOptions} isRequired />
            <CheckboxesInput
              control={planForm.control}
              name="services"
              label={t('services')}
              options={optionsOf(SERVICES, dict.service)}
              isRequired
            />
            <Button type="submit" className="secondary" isDisabled={planAction.pending}>
              {t('addToPlan')}
            </Button>
          </Form>
          {planAction.status}
        </Section>
        <Section id="referrals" title={t('referrals')}>
          <p className="hint" data-live={live ? 'yes' : 'no'}>
            {live ? t('live') : ''}
          </p>
          {c.referrals.length ? (
            <ul>
              {c.referrals.map((r) => (
                <li key={r.id} data-referral={r.id} data-state={r.state} data-external={r.agencyId === EXTERNAL_AGENCY ? 'yes' : undefined}>
                  {nameOf(r.victimId)}: {dict.service[r.service]} →{' '}
                  {r.agencyId === EXTERNAL_AGENCY ? `${r.externalAgency?.name ?? '—'} (${t('externalAgency')})` : agencyName(r.agencyId)} —{' '}
                  <strong>{dict.referralState[r.state]}</strong>
                  {r.agencyId === EXTERNAL_AGENCY && r.externalAgency && (r.state === 'requested' || r.state === 'accepted') ? (
                    <>
                      {' '}
                      <LetterLink api={api} referralId={r.id} />
                      <ExternalAnswerForm api={api} referral={r} refresh={refreshAll} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('noReferrals')}</p>
          )}
          <Form onSubmit={(e) => void referAction.onSubmit(e)} aria-label={t('refer')}>
            <div className="grid">
              <SelectInput control={referForm.control} name="victimId" label={t('forVictim')} options={victimOptions} isRequired />
              <SelectInput
                control={referForm.control}
                name="service"
                label={t('service')}
                options={optionsOf(SERVICES, dict.service)}
                isRequired
              />
              <SelectInput control={referForm.control} name="agencyId" label={t('agency')} options={agencyOptions} isRequired />
            </div>
            {external ? (
              <div className="external-agency">
                <p className="hint">{t('externalAgencyHint')}</p>
                <TextInput control={referForm.control} name="agencyName" label={t('externalAgencyName')} isRequired />
                <TextInput control={referForm.control} name="agencyAddress" label={t('externalAgencyAddress')} />
              </div>
            ) : service ? (
              <AgencyDirectory agencies={agencies.data ?? []} service={service} />
            ) : null}
            {referredVictim && service && referredConsents.data ? (
              <p className={consented ? 'hint' : 'warning'} data-consent-check={consented ? 'on-record' : 'missing'}>
                {t(consented ? 'consentOnRecord' : 'noConsentForService')}
              </p>
            ) : null}
            {referredVictim && service && referredConsents.data && !consented && role === 'supervisor' ? (
              <TextInput control={referForm.control} name="consentOverrideReason" label={t('consentOverrideReason')} multiline isRequired />
            ) : null}
            <TextInput control={referForm.control} name="requestNotes" label={t('requestNotes')} multiline />
            <Button type="submit" className="secondary" isDisabled={referAction.pending}>
              {t('refer')}
            </Button>
          </Form>
          {referAction.status}
          <RevokeReferralForm
            api={api}
            label={t('revokeReferral')}
            referrals={c.referrals
              .filter((r) => r.state === 'requested' || r.state === 'accepted')
              .map((r) => ({ id: r.id, label: `${nameOf(r.victimId)}: ${dict.service[r.service]} → ${agencyName(r.agencyId)}` }))}
            refresh={refreshAll}
          />
        </Section>
        <NotesSection api={api} caseId={c.id} closed={!!c.closure} refresh={refreshAll} />
        <FurtherReportSection api={api} caseId={c.id} closed={!!c.closure} refresh={refreshAll} />
        <FunctionsSection api={api} session={session} view={c} refresh={refreshAll} />
        <HandOverSection api={api} caseId={c.id} closed={!!c.closure} refresh={refreshAll} />
        <Section id="timeline" title={t('timeline')}>
          <ol className="timeline">
            {(timeline.data ?? []).map((e, i) => (
              <li key={i} data-what={e.what} data-direction={e.direction}>
                <time dateTime={e.at}>{dateTime(e.at)}</time> {(dict.timelineEntry as Record<string, string>)[e.what] ?? e.what}
                {e.agency ? ` (${t(e.direction === 'sent' ? 'timelineSent' : 'timelineReceived', { agency: agencyName(e.agency) })})` : ''}
                {e.victimId ? ` · ${nameOf(e.victimId)}` : ''}
              </li>
            ))}
          </ol>
        </Section>
        <Section id="closure" title={t('close')}>
          {c.closure ? (
            <>
              <p>{fill(dict.console.closedAt, { at: dateTime(c.closure.at), note: c.closure.note ?? '' })}</p>
              {role === 'supervisor' ? <ReopenForm api={api} caseId={c.id} refresh={refreshAll} /> : null}
            </>
          ) : (
            <>
              <p className="hint">{t('closeRule')}</p>
              <Form onSubmit={(e) => void closeAction.onSubmit(e)} aria-label={t('closeCase')}>
                <TextInput control={closeForm.control} name="note" label={t('closureNote')} multiline isRequired />
                <TextInput control={closeForm.control} name="overrideReason" label={t('overrideReason')} multiline />
                <Button type="submit" className="secondary" isDisabled={closeAction.pending}>
                  {t('closeCase')}
                </Button>
              </Form>
              {closeAction.status}
            </>
          )}
        </Section>
      </div>
    </article>
  );
}
