import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { Section, useAction } from '../action.js';
import type { IncomingReferral, ShelterClient, ShelterSchemas } from '../api.js';
import { optionsOf, SelectInput, TextInput } from '../fields.js';
import { useDates, useI18n } from '../i18n.js';
import { INBOX_REFRESH_MS } from '../service/inbox.js';
import { useFacilities } from './facilities.js';

type Destination = ShelterSchemas['DischargeBody']['destination'];
const AUTO = 'auto';

export function useAdmissions(api: ShelterClient) {
  return useQuery({
    queryKey: ['admissions'],
    queryFn: async () => (await api.GET('/admissions')).data ?? [],
    refetchInterval: INBOX_REFRESH_MS,
  });
}

function useRefreshStays() {
  const queries = useQueryClient();
  return () => {
    for (const key of ['admissions', 'facilities', 'occupancy', 'referrals', 'referral'])
      void queries.invalidateQueries({ queryKey: [key] });
  };
}

/** Discharge to a named destination (it completes the referral). */
function DischargeForm({ api, admissionId }: { api: ShelterClient; admissionId: string }) {
  const { t, dict } = useI18n();
  const refresh = useRefreshStays();
  const form = useForm<{ destination: string; note: string }>({ defaultValues: { destination: '', note: '' } });
  const discharge = useAction(
    form,
    (v, key) =>
      api.POST('/admissions/{id}/discharge', {
        params: { path: { id: admissionId }, header: { 'Idempotency-Key': key } },
        body: { destination: v.destination as Destination, note: v.note },
      }),
    refresh,
  );
  return (
    <Form onSubmit={(e) => void discharge.onSubmit(e)} aria-label={t('discharge')} className="discharge">
      <SelectInput
        control={form.control}
        name="destination"
        label={t('destination')}
        options={optionsOf(Object.keys(dict.dischargeDestination) as Destination[], dict.dischargeDestination)}
        isRequired
      />
      <TextInput control={form.control} name="note" label={t('dischargeNote')} multiline isRequired />
      <Button type="submit" className="secondary" isDisabled={discharge.pending}>
        {t('discharge')}
      </Button>
      {discharge.status}
    </Form>
  );
}

/** On a shelter referral's page: admission with the safety plan into a fitting bed, then discharge. */
export function AdmissionSection({ api, referral }: { api: ShelterClient; referral: IncomingReferral }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const refresh = useRefreshStays();
  const admissions = useAdmissions(api);
  const facilities = useFacilities(api);
  const form = useForm<{ safetyPlan: string; roomId: string }>({ defaultValues: { safetyPlan: '', roomId: AUTO } });
  const admit = useAction(
    form,
    (v, key) =>
      api.POST('/referrals/{id}/admit', {
        params: { path: { id: referral.referralId }, header: { 'Idempotency-Key': key } },
        body: { safetyPlan: v.safetyPlan, roomId: v.roomId && v.roomId !== AUTO ? v.roomId : undefined },
      }),
    refresh,
  );
  const stay = (admissions.data ?? []).find((a) => a.referralId === referral.referralId);
  const rooms = (facilities.data ?? []).flatMap((f) => f.rooms.map((r) => ({ ...r, facility: f.name })));
  const roomName = (id: string | null) => rooms.find((r) => r.id === id)?.name ?? '—';
  const age = referral.person.ageYears;
  const group = age === undefined ? undefined : age < 18 ? 'child' : 'adult';
  // Rooms for her sex and age group first; the node refuses any room that does not fit.
  const fitting = rooms.filter((r) => (!referral.person.sex || r.sex === referral.person.sex) && (!group || r.ageGroup === group));
  const roomOptions = [
    { id: AUTO, label: t('roomAuto') },
    ...fitting.map((r) => ({
      id: r.id,
      label: `${r.name} (${r.facility}) · ${t('roomGroup', { sex: dict.sex[r.sex], age: dict.ageGroup[r.ageGroup] })} · ${t('bedsFree', { free: r.free, beds: r.beds })}`,
    })),
  ];
  if (admissions.isPending) return null;
  return (
    <Section id="admission" title={t('admitTitle')}>
      {stay ? (
        <div data-admission={stay.id} data-room={stay.roomId ?? ''}>
          <p>{t('admittedIn', { at: dateTime(stay.admittedAt), room: roomName(stay.roomId) })}</p>
          {stay.safetyPlan ? (
            <p>
              <strong>{t('safetyPlan')}:</strong> {stay.safetyPlan}
            </p>
          ) : null}
          {stay.dischargedAt ? (
            <p>
              {t('dischargedAt', {
                at: dateTime(stay.dischargedAt),
                destination: stay.dischargeDestination ? dict.dischargeDestination[stay.dischargeDestination] : '—',
              })}
            </p>
          ) : (
            <DischargeForm api={api} admissionId={stay.id} />
          )}
        </div>
      ) : referral.state === 'requested' || referral.state === 'accepted' ? (
        <Form onSubmit={(e) => void admit.onSubmit(e)} aria-label={t('admit')} id="admit">
          <TextInput
            control={form.control}
            name="safetyPlan"
            label={t('safetyPlan')}
            description={t('safetyPlanHint')}
            multiline
            isRequired
          />
          <SelectInput
            control={form.control}
            name="roomId"
            label={t('room')}
            description={t('roomRule')}
            options={roomOptions}
            isRequired
          />
          <Button type="submit" className="primary" isDisabled={admit.pending}>
            {t('admit')}
          </Button>
          {admit.status}
        </Form>
      ) : null}
    </Section>
  );
}

/** Who stays now, each with her discharge. */
export function ResidentsPage({ api }: { api: ShelterClient }) {
  const { t } = useI18n();
  const { dateTime } = useDates();
  const admissions = useAdmissions(api);
  const facilities = useFacilities(api);
  const rooms = (facilities.data ?? []).flatMap((f) => f.rooms);
  const residents = (admissions.data ?? []).filter((a) => !a.dischargedAt);
  return (
    <section aria-labelledby="residents-title">
      <h1 id="residents-title">{t('residentsTitle')}</h1>
      {admissions.data && residents.length === 0 ? <p>{t('noResidents')}</p> : null}
      {residents.map((a) => (
        <Section key={a.id} id={`stay-${a.id}`} title={`${rooms.find((r) => r.id === a.roomId)?.name ?? '—'} · ${dateTime(a.admittedAt)}`}>
          <p>
            <a href={`#/referrals/${a.referralId}`}>{t('referrals')}</a>
          </p>
          <DischargeForm api={api} admissionId={a.id} />
        </Section>
      ))}
    </section>
  );
}
