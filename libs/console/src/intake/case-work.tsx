import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { COMPLAINT_CHANNELS, REPORTER_RELATIONS, SEXES } from '../../../contracts/src/domain/vocabulary.js';
import { Section, useAction } from '../action.js';
import type { IntakeClient, Schemas } from '../api.js';
import { CheckboxInput, optionsOf, SelectInput, TextInput } from '../fields.js';
import { useDates, useI18n } from '../i18n.js';
import type { CaseSectionProps } from './case-section.js';

/**
 * The first response (the triage clock stops): its deadline while it waits,
 * when it was given once it is.
 */
export function FirstResponseBlock({
  api,
  caseId,
  dueAt,
  respondedAt,
  refresh,
}: {
  api: IntakeClient;
  caseId: string;
  dueAt: string | null | undefined;
  respondedAt: string | null | undefined;
  refresh: () => void;
}) {
  const { t } = useI18n();
  const { dateTime } = useDates();
  const form = useForm();
  const action = useAction(
    form,
    (_v, key) => api.POST('/cases/{id}/first-response', { params: { path: { id: caseId }, header: { 'Idempotency-Key': key } } }),
    refresh,
  );
  if (respondedAt) {
    return (
      <p className="hint" data-first-response="given">
        {t('firstRespondedAt', { at: dateTime(respondedAt) })}
      </p>
    );
  }
  const late = dueAt !== null && dueAt !== undefined && new Date(dueAt).getTime() < Date.now();
  return (
    <div className="first-response" data-first-response={late ? 'overdue' : 'waiting'}>
      {dueAt ? <p className={late ? 'warning' : 'hint'}>{t('firstResponseDue', { at: dateTime(dueAt) })}</p> : null}
      <Form onSubmit={(e) => void action.onSubmit(e)} aria-label={t('recordFirstResponse')}>
        <Button type="submit" className="secondary" isDisabled={action.pending}>
          {t('recordFirstResponse')}
        </Button>
      </Form>
      {action.status}
    </div>
  );
}

interface ReportForm {
  channel: string;
  reporterPresent: boolean;
  reporter: { relation: string; anonymous: boolean; name: string; phone: string };
  victim: { name: string; sex: string; birthDate: string; ageYears: string; district: string; idNumber: string };
  note: string;
}

/** A further report of the case's incident (another caller, the police): kept with the case, matched to one of its victims. */
export function FurtherReportSection({ api, caseId, closed, refresh }: CaseSectionProps) {
  const { t, dict } = useI18n();
  const form = useForm<ReportForm>({
    defaultValues: {
      channel: '',
      reporterPresent: false,
      reporter: { relation: '', anonymous: false, name: '', phone: '' },
      victim: { name: '', sex: '', birthDate: '', ageYears: '', district: '', idNumber: '' },
      note: '',
    },
  });
  const action = useAction(
    form,
    (v, key) =>
      api.POST('/cases/{id}/reports', {
        params: { path: { id: caseId }, header: { 'Idempotency-Key': key } },
        body: {
          channel: v.channel as Schemas['AttachReportBody']['channel'],
          reporter: v.reporterPresent
            ? {
                relation: v.reporter.relation as NonNullable<Schemas['AttachReportBody']['reporter']>['relation'],
                anonymous: v.reporter.anonymous,
                name: v.reporter.anonymous ? undefined : v.reporter.name || undefined,
                phone: v.reporter.anonymous ? undefined : v.reporter.phone || undefined,
              }
            : undefined,
          victim: {
            name: v.victim.name,
            sex: v.victim.sex as Schemas['ReportedPersonInput']['sex'],
            birthDate: v.victim.birthDate || undefined,
            ageYears: v.victim.ageYears === '' ? undefined : Number(v.victim.ageYears),
            district: v.victim.district,
            idNumber: v.victim.idNumber || undefined,
          },
          note: v.note || undefined,
        },
      }),
    refresh,
  );
  const reporterPresent = form.watch('reporterPresent');
  const anonymous = form.watch('reporter.anonymous');
  if (closed) return null;
  return (
    <Section id="reports" title={t('furtherReport')}>
      <p className="hint">{t('furtherReportHint')}</p>
      <Form onSubmit={(e) => void action.onSubmit(e)} aria-label={t('furtherReport')}>
        <SelectInput
          control={form.control}
          name="channel"
          label={t('channel')}
          options={optionsOf(COMPLAINT_CHANNELS, dict.channel)}
          isRequired
        />
        <fieldset className="group">
          <legend>{t('reportedVictim')}</legend>
          <TextInput control={form.control} name="victim.name" label={t('name')} isRequired />
          <SelectInput control={form.control} name="victim.sex" label={t('sex')} options={optionsOf(SEXES, dict.sex)} isRequired />
          <TextInput
            control={form.control}
            name="victim.ageYears"
            label={t('ageYears')}
            inputMode="numeric"
            description={t('ageOrBirth')}
          />
          <TextInput control={form.control} name="victim.birthDate" label={t('birthDate')} type="date" />
          <TextInput control={form.control} name="victim.district" label={t('victimDistrict')} isRequired />
          <TextInput control={form.control} name="victim.idNumber" label={t('idNumber')} inputMode="numeric" />
        </fieldset>
        <CheckboxInput control={form.control} name="reporterPresent" label={t('reporterPresent')} />
        {reporterPresent ? (
          <fieldset className="group">
            <legend>{t('reporter')}</legend>
            <SelectInput
              control={form.control}
              name="reporter.relation"
              label={t('reporterRelation')}
              options={optionsOf(REPORTER_RELATIONS, dict.reporterRelation)}
              isRequired
            />
            <CheckboxInput control={form.control} name="reporter.anonymous" label={t('anonymous')} />
            {!anonymous ? <TextInput control={form.control} name="reporter.name" label={t('reporterName')} /> : null}
            {!anonymous ? <TextInput control={form.control} name="reporter.phone" label={t('reporterPhone')} type="tel" /> : null}
          </fieldset>
        ) : null}
        <TextInput control={form.control} name="note" label={t('reportNote')} multiline />
        <Button type="submit" className="secondary" isDisabled={action.pending}>
          {t('attachReport')}
        </Button>
      </Form>
      {action.status}
    </Section>
  );
}

/** Revoking a referral still open (she found another way, or the need is gone): the agency is told, with her reason. */
export function RevokeReferralForm({
  api,
  referrals,
  label,
  refresh,
}: {
  api: IntakeClient;
  /** The case's referrals still requested or accepted, with how the page names each. */
  referrals: ReadonlyArray<{ id: string; label: string }>;
  label: string;
  refresh: () => void;
}) {
  const { t } = useI18n();
  const form = useForm<{ referralId: string; reason: string }>({ defaultValues: { referralId: '', reason: '' } });
  const action = useAction(
    form,
    (v, key) =>
      api.POST('/referrals/{id}/revoke', {
        params: { path: { id: v.referralId }, header: { 'Idempotency-Key': key } },
        body: { reason: v.reason },
      }),
    refresh,
  );
  if (!referrals.length) return null;
  return (
    <details className="revoke">
      <summary>{label}</summary>
      <Form onSubmit={(e) => void action.onSubmit(e)} aria-label={label}>
        <SelectInput control={form.control} name="referralId" label={t('referralToRevoke')} options={referrals} isRequired />
        <TextInput control={form.control} name="reason" label={t('revokeReason')} multiline isRequired />
        <Button type="submit" className="secondary" isDisabled={action.pending}>
          {t('revoke')}
        </Button>
      </Form>
      {action.status}
    </details>
  );
}
