import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { Section, useAction } from '../action.js';
import type { ShelterClient, ShelterSchemas } from '../api.js';
import { optionsOf, SelectInput, TextInput } from '../fields.js';
import { useI18n } from '../i18n.js';
import { INBOX_REFRESH_MS } from '../service/inbox.js';

type Room = ShelterSchemas['AddRoomBody'];
type Kind = ShelterSchemas['CreateFacilityBody']['kind'];

export function useFacilities(api: ShelterClient) {
  return useQuery({
    queryKey: ['facilities'],
    queryFn: async () => (await api.GET('/facilities')).data ?? [],
    // Free beds change with every admission, here or at another officer's desk.
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** A facility's rooms, and a room added to it. */
function RoomForm({ api, facilityId, refresh }: { api: ShelterClient; facilityId: string; refresh: () => void }) {
  const { t, dict } = useI18n();
  const form = useForm<{ name: string; sex: string; ageGroup: string; beds: string }>({
    defaultValues: { name: '', sex: '', ageGroup: '', beds: '' },
  });
  const add = useAction(
    form,
    (v, key) =>
      api.POST('/facilities/{id}/rooms', {
        params: { path: { id: facilityId }, header: { 'Idempotency-Key': key } },
        body: { name: v.name, sex: v.sex as Room['sex'], ageGroup: v.ageGroup as Room['ageGroup'], beds: Number(v.beds) },
      }),
    refresh,
  );
  return (
    <Form onSubmit={(e) => void add.onSubmit(e)} aria-label={t('addRoom')} className="add-room">
      <div className="grid">
        <TextInput control={form.control} name="name" label={t('roomName')} isRequired />
        <SelectInput control={form.control} name="sex" label={t('roomSex')} options={optionsOf(['female', 'male'], dict.sex)} isRequired />
        <SelectInput
          control={form.control}
          name="ageGroup"
          label={t('roomAgeGroup')}
          options={optionsOf(['child', 'adult'], dict.ageGroup)}
          isRequired
        />
        <TextInput control={form.control} name="beds" label={t('roomBeds')} inputMode="numeric" isRequired />
      </div>
      <Button type="submit" className="secondary" isDisabled={add.pending}>
        {t('addRoom')}
      </Button>
      {add.status}
    </Form>
  );
}

/** The shelter's facilities and their rooms (a supervisor or the administrator sets them up once). */
export function FacilitiesPage({ api }: { api: ShelterClient }) {
  const { t, dict } = useI18n();
  const queries = useQueryClient();
  const facilities = useFacilities(api);
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['facilities'] });
    void queries.invalidateQueries({ queryKey: ['occupancy'] });
  };
  const form = useForm<{ name: string; kind: string; district: string }>({ defaultValues: { name: '', kind: '', district: '' } });
  const create = useAction(
    form,
    (v, key) =>
      api.POST('/facilities', {
        params: { header: { 'Idempotency-Key': key } },
        body: { name: v.name, kind: v.kind as Kind, district: v.district },
      }),
    refresh,
  );
  return (
    <section aria-labelledby="facilities-title">
      <h1 id="facilities-title">{t('facilitiesTitle')}</h1>
      {facilities.data && facilities.data.length === 0 ? <p>{t('noFacilities')}</p> : null}
      {(facilities.data ?? []).map((f) => (
        <Section key={f.id} id={`facility-${f.id}`} title={`${f.name} (${dict.facilityKind[f.kind]}, ${f.district})`}>
          <div data-facility={f.id}>
            <h3>{t('rooms')}</h3>
            <ul>
              {f.rooms.map((r) => (
                <li key={r.id} data-room={r.id}>
                  {r.name}: {t('roomGroup', { sex: dict.sex[r.sex], age: dict.ageGroup[r.ageGroup] })} ·{' '}
                  {t('bedsFree', { free: r.free, beds: r.beds })}
                </li>
              ))}
            </ul>
            <RoomForm api={api} facilityId={f.id} refresh={refresh} />
          </div>
        </Section>
      ))}
      <Section id="add-facility" title={t('addFacility')}>
        <Form onSubmit={(e) => void create.onSubmit(e)} aria-label={t('addFacility')}>
          <TextInput control={form.control} name="name" label={t('facilityName')} isRequired />
          <SelectInput
            control={form.control}
            name="kind"
            label={t('facilityKind')}
            options={optionsOf(Object.keys(dict.facilityKind) as Kind[], dict.facilityKind)}
            isRequired
          />
          <TextInput control={form.control} name="district" label={t('facilityDistrict')} isRequired />
          <Button type="submit" className="secondary" isDisabled={create.pending}>
            {t('addFacility')}
          </Button>
          {create.status}
        </Form>
      </Section>
    </section>
  );
}
