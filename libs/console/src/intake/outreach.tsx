import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { OUTREACH_OUTCOMES, type OutreachOutcome } from '../../../contracts/src/domain/vocabulary.js';
import { Section, useAction } from '../action.js';
import { fieldErrorsIn, messageOf, type IntakeClient, type Schemas } from '../api.js';
import { optionsOf, SelectInput, TextInput } from '../fields.js';
import { useI18n } from '../i18n.js';
import type { Session } from '../session.js';
import { today } from '../shelter/board.js';
import { atListField, staffList } from './functions.js';

/** The choice of "no case" in the visit's case list (the API takes no case id then). */
const NO_CASE = 'none';

/** The first and last day of the month a day (YYYY-MM-DD) falls in. */
export function monthOf(day: string): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

/**
 * Outreach (penjangkauan): a visit recorded by the staff who went (her own
 * account filled in; the unit's staff list is for its administrator only),
 * and the unit's visits between two days, this month at first.
 */
export function OutreachPage({ api, session }: { api: IntakeClient; session: Session }) {
  const { t, dict } = useI18n();
  const queries = useQueryClient();
  const [period, setPeriod] = useState(() => monthOf(today()));
  const visits = useQuery({
    queryKey: ['outreach', period.from, period.to],
    queryFn: async () => {
      const { data, error } = await api.GET('/outreach-visits', { params: { query: period } });
      if (!data) throw new Error(messageOf(error));
      return data;
    },
  });
  const cases = useQuery({ queryKey: ['cases', 'outreach'], queryFn: async () => (await api.GET('/cases')).data ?? [] });
  const caseOptions = [{ id: NO_CASE, label: t('noCase') }, ...(cases.data ?? []).map((c) => ({ id: c.id, label: c.caseNumber }))];
  const numberOf = (id: string) => cases.data?.find((c) => c.id === id)?.caseNumber ?? t('openCase');

  const form = useForm<{
    visitedOn: string;
    district: string;
    place: string;
    staff: string;
    outcome: string;
    complaints: string;
    caseId: string;
    note: string;
  }>({
    defaultValues: {
      visitedOn: today(),
      district: '',
      place: '',
      staff: session.staffId() ?? '',
      outcome: '',
      complaints: '',
      caseId: NO_CASE,
      note: '',
    },
  });
  const record = useAction(
    form,
    async (v, key) =>
      atListField(
        await api.POST('/outreach-visits', {
          params: { header: { 'Idempotency-Key': key } },
          body: {
            visitedOn: v.visitedOn,
            district: v.district,
            place: v.place,
            staff: staffList(v.staff),
            outcome: v.outcome as OutreachOutcome,
            // Not a number: sent as null, so the API names the field.
            complaints: v.complaints.trim() === '' ? undefined : Number(v.complaints.trim()),
            caseId: v.caseId && v.caseId !== NO_CASE ? v.caseId : undefined,
            note: v.note.trim() !== '' ? v.note : undefined,
          } satisfies Schemas['RecordOutreachVisitBody'],
        }),
        'staff',
      ),
    () => void queries.invalidateQueries({ queryKey: ['outreach'] }),
  );

  const periodForm = useForm<{ from: string; to: string }>({ defaultValues: period });
  const [periodError, setPeriodError] = useState<string | null>(null);
  // The period is the API's to judge (a day, from not after to): its field errors at its fields.
  const show = periodForm.handleSubmit(async (v) => {
    setPeriodError(null);
    const { data, error, response } = await api.GET('/outreach-visits', { params: { query: { from: v.from, to: v.to } } });
    if (data) {
      queries.setQueryData(['outreach', v.from, v.to], data);
      setPeriod({ from: v.from, to: v.to });
      return;
    }
    const fields = response.status === 400 ? fieldErrorsIn(error, dict) : null;
    for (const [path, message] of Object.entries(fields ?? {})) periodForm.setError(path as 'from' | 'to', { type: 'api', message });
    setPeriodError(fields ? t('notSaved', { n: Object.keys(fields).length }) : messageOf(error));
  });

  const list = visits.data ?? [];
  return (
    <section aria-labelledby="outreach-title" data-page="outreach">
      <h1 id="outreach-title">{t('outreachTitle')}</h1>
      <p className="hint">{t('outreachHint')}</p>
      <div className="columns">
        <Section id="record-outreach" title={t('recordOutreach')}>
          <Form onSubmit={(e) => void record.onSubmit(e)} aria-label={t('recordOutreach')}>
            <div className="grid">
              <TextInput control={form.control} name="visitedOn" label={t('outreachVisitedOn')} type="date" isRequired />
              <TextInput control={form.control} name="district" label={t('outreachDistrict')} isRequired />
            </div>
            <TextInput control={form.control} name="place" label={t('outreachPlace')} description={t('outreachPlaceHint')} isRequired />
            <TextInput control={form.control} name="staff" label={t('staffWent')} description={t('staffHint')} multiline isRequired />
            <div className="grid">
              <SelectInput
                control={form.control}
                name="outcome"
                label={t('outreachOutcome')}
                options={optionsOf(OUTREACH_OUTCOMES, dict.outreachOutcome)}
                isRequired
              />
              <TextInput control={form.control} name="complaints" label={t('complaintsTaken')} inputMode="numeric" />
              <SelectInput control={form.control} name="caseId" label={t('outreachCase')} options={caseOptions} />
            </div>
            <TextInput control={form.control} name="note" label={t('functionNote')} multiline />
            <Button type="submit" className="primary" isDisabled={record.pending}>
              {t('saveOutreach')}
            </Button>
          </Form>
          {record.status}
        </Section>
        <Section id="outreach-list" title={t('outreachListTitle')}>
          <Form onSubmit={(e) => void show(e)} className="inline-form" aria-label={t('outreachListTitle')}>
            <TextInput control={periodForm.control} name="from" label={t('periodFrom')} type="date" isRequired />
            <TextInput control={periodForm.control} name="to" label={t('periodTo')} type="date" isRequired />
            <Button type="submit" className="secondary">
              {t('showPeriod')}
            </Button>
          </Form>
          {periodError ? (
            <p role="alert" className="error">
              {periodError}
            </p>
          ) : null}
          {visits.isError ? <p role="alert">{t('loadFailed')}</p> : null}
          {visits.data && list.length === 0 ? <p>{t('noOutreach')}</p> : null}
          {list.length ? (
            <>
              <p data-outreach-count={list.length}>
                {t('outreachCount', { n: list.length, complaints: list.reduce((n, v) => n + v.complaints, 0) })}
              </p>
              <table className="list" data-from={period.from} data-to={period.to}>
                <thead>
                  <tr>
                    <th scope="col">{t('outreachVisitedOn')}</th>
                    <th scope="col">{t('outreachDistrict')}</th>
                    <th scope="col">{t('outreachPlace')}</th>
                    <th scope="col">{t('staffWent')}</th>
                    <th scope="col">{t('outreachOutcome')}</th>
                    <th scope="col">{t('complaintsTaken')}</th>
                    <th scope="col">{t('outreachCase')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((v) => (
                    <tr key={v.id} data-visit={v.id} data-outcome={v.outcome}>
                      <td>{v.visitedOn}</td>
                      <td>{v.district}</td>
                      <td>
                        {v.place}
                        {v.note ? <span className="hint"> · {v.note}</span> : null}
                      </td>
                      <td>{v.staff.join(', ')}</td>
                      <td>{dict.outreachOutcome[v.outcome]}</td>
                      <td>{v.complaints}</td>
                      <td>{v.caseId ? <a href={`#/cases/${v.caseId}`}>{numberOf(v.caseId)}</a> : t('noCase')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </Section>
      </div>
    </section>
  );
}
