import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useFieldArray, useForm, useWatch, type Control, type Path, type UseFormReturn } from 'react-hook-form';
import {
  CASE_KINDS,
  COMPLAINT_CHANNELS,
  CONSENT_FORMS,
  DISABILITIES,
  EDUCATION_LEVELS,
  EXPLOITATION_TYPES,
  INCIDENT_PLACES,
  OCCUPATIONS,
  PERPETRATOR_RELATIONS,
  REPORTER_RELATIONS,
  RISK_LEVELS,
  SEXES,
  TRAFFICKING_STAGES,
  VIOLENCE_TYPES,
} from '../../../contracts/src/domain/vocabulary.js';
import { fieldErrorsIn, messageOf, type IntakeClient, type Schemas } from '../api.js';
import { CheckboxesInput, CheckboxInput, optionsOf, RadioInput, SelectInput, TextInput } from '../fields.js';
import { useI18n } from '../i18n.js';
import type { Drafts } from '../drafts.js';
import { newIdempotencyKey } from '../session.js';
import { navigate } from '../shell.js';

interface VictimForm {
  name: string;
  sex: string;
  ageYears: string;
  birthDate: string;
  district: string;
  address: string;
  idNumber: string;
  education: string;
  occupation: string;
  disabilities: string[];
  safetyNotes: string;
  consent: { services: boolean; statistics: boolean; givenAs: string };
}
interface PerpetratorForm {
  name: string;
  sex: string;
  ageYears: string;
  relation: string;
}
interface StageForm {
  stage: string;
  place: string;
  country: string;
  date: string;
  exploitationType: string;
  notes: string;
}
export interface ComplaintForm {
  channel: string;
  kind: string;
  riskLevel: string;
  district: string;
  incident: { violenceTypes: string[]; place: string; date: string; perpetratorRelation: string; narrative: string };
  victims: VictimForm[];
  perpetrators: PerpetratorForm[];
  traffickingStages: StageForm[];
  reporterPresent: boolean;
  reporter: { relation: string; anonymous: boolean; name: string; phone: string };
}

const emptyVictim = (): VictimForm => ({
  name: '',
  sex: '',
  ageYears: '',
  birthDate: '',
  district: '',
  address: '',
  idNumber: '',
  education: '',
  occupation: '',
  disabilities: [],
  safetyNotes: '',
  consent: { services: false, statistics: false, givenAs: 'verbal' },
});
const emptyPerpetrator = (): PerpetratorForm => ({ name: '', sex: '', ageYears: '', relation: '' });
const emptyStage = (): StageForm => ({ stage: '', place: '', country: '', date: '', exploitationType: '', notes: '' });

const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
const whole = (v: string) => (v.trim() === '' ? undefined : Number(v));

/**
 * The body intake's POST /cases takes, from the form: blanks left out (the
 * API names what is missing), numbers as numbers. Typed by the generated
 * client, so a changed body in the API breaks this build.
 */
export function complaintBody(f: ComplaintForm): Schemas['RegisterComplaintBody'] {
  type Body = Schemas['RegisterComplaintBody'];
  type Victim = Schemas['VictimInput'];
  return {
    channel: text(f.channel) as Body['channel'],
    kind: text(f.kind) as Body['kind'],
    riskLevel: text(f.riskLevel) as Body['riskLevel'],
    district: text(f.district) as string,
    incident: {
      violenceTypes: f.incident.violenceTypes as Schemas['IncidentInput']['violenceTypes'],
      place: text(f.incident.place) as Schemas['IncidentInput']['place'],
      date: text(f.incident.date),
      perpetratorRelation: text(f.incident.perpetratorRelation) as Schemas['IncidentInput']['perpetratorRelation'],
      narrative: text(f.incident.narrative),
    },
    victims: f.victims.map((v): Victim => ({
      name: text(v.name) as string,
      sex: text(v.sex) as Victim['sex'],
      ageYears: whole(v.ageYears),
      birthDate: text(v.birthDate),
      district: text(v.district) as string,
      address: text(v.address),
      idNumber: text(v.idNumber),
      education: text(v.education) as Victim['education'],
      occupation: text(v.occupation) as Victim['occupation'],
      disabilities: v.disabilities.length ? (v.disabilities as Victim['disabilities']) : undefined,
      safetyNotes: text(v.safetyNotes),
      consent: {
        services: v.consent.services,
        statistics: v.consent.statistics,
        givenAs: v.consent.givenAs as Schemas['ConsentInput']['givenAs'],
      },
    })),
    perpetrators: f.perpetrators.map((p) => ({
      name: text(p.name),
      sex: text(p.sex) as Schemas['PerpetratorInput']['sex'],
      ageYears: whole(p.ageYears),
      relation: text(p.relation) as Schemas['PerpetratorInput']['relation'],
    })),
    traffickingStages:
      f.kind === 'trafficking'
        ? f.traffickingStages.map((s) => ({
            stage: text(s.stage) as Schemas['TraffickingStageInput']['stage'],
            place: text(s.place) as string,
            country: text(s.country),
            date: text(s.date),
            exploitationType:
              s.stage === 'exploitation' ? (text(s.exploitationType) as Schemas['TraffickingStageInput']['exploitationType']) : undefined,
            notes: text(s.notes),
          }))
        : undefined,
    reporter: f.reporterPresent
      ? {
          relation: text(f.reporter.relation) as Schemas['ReporterInput']['relation'],
          anonymous: f.reporter.anonymous,
          name: f.reporter.anonymous ? undefined : text(f.reporter.name),
          phone: f.reporter.anonymous ? undefined : text(f.reporter.phone),
        }
      : undefined,
  };
}

/** Every field name the form shows: where an error the API names can be put. */
function fieldNames(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) out.add(prefix);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) fieldNames(v, prefix ? `${prefix}.${k}` : k, out);
  else out.add(prefix);
  return out;
}

/** The NIK's structure, checked as she types (the register is looked up only on submit, by the API). */
function useNikRule() {
  const { t } = useI18n();
  return {
    validate: (v: unknown) =>
      typeof v !== 'string' || !v || /^\d{16}$/.test(v) ? true : t('idNumberShape', { n: v.replace(/\D/g, '').length }),
  };
}

function VictimFields({ control, index, onRemove }: { control: Control<ComplaintForm>; index: number; onRemove?: () => void }) {
  const { t, dict } = useI18n();
  const nik = useNikRule();
  const n = index + 1;
  const p = (name: string) => `victims.${index}.${name}` as Path<ComplaintForm>;
  return (
    <fieldset className="group" data-victim={index}>
      <legend>{t('victim', { n })}</legend>
      <div className="grid">
        <TextInput control={control} name={p('name')} label={t('name')} isRequired />
        <SelectInput control={control} name={p('sex')} label={t('sex')} options={optionsOf(SEXES, dict.sex)} isRequired />
        <TextInput control={control} name={p('ageYears')} label={t('ageYears')} inputMode="numeric" description={t('ageOrBirth')} />
        <TextInput control={control} name={p('birthDate')} label={t('birthDate')} type="date" />
        <TextInput control={control} name={p('district')} label={t('victimDistrict')} isRequired />
        <TextInput control={control} name={p('address')} label={t('address')} />
        <TextInput
          control={control}
          name={p('idNumber')}
          label={t('idNumber')}
          inputMode="numeric"
          description={t('idNumberHint')}
          rules={nik}
        />
        <SelectInput control={control} name={p('education')} label={t('education')} options={optionsOf(EDUCATION_LEVELS, dict.education)} />
        <SelectInput control={control} name={p('occupation')} label={t('occupation')} options={optionsOf(OCCUPATIONS, dict.occupation)} />
      </div>
      <CheckboxesInput
        control={control}
        name={p('disabilities')}
        label={t('disabilities')}
        options={optionsOf(DISABILITIES, dict.disability)}
      />
      <TextInput control={control} name={p('safetyNotes')} label={t('safetyNotes')} multiline />
      <fieldset className="consent">
        <legend>{t('consent')}</legend>
        <CheckboxInput control={control} name={p('consent.services')} label={t('consentServices')} />
        <CheckboxInput control={control} name={p('consent.statistics')} label={t('consentStatistics')} />
        <SelectInput
          control={control}
          name={p('consent.givenAs')}
          label={t('consentGivenAs')}
          options={optionsOf(CONSENT_FORMS, dict.consentForm)}
        />
      </fieldset>
      {onRemove ? (
        <Button className="secondary" onPress={onRemove}>
          {t('removeVictim', { n })}
        </Button>
      ) : null}
    </fieldset>
  );
}

const emptyComplaint = (): ComplaintForm => ({
  channel: '',
  kind: '',
  riskLevel: '',
  district: '',
  incident: { violenceTypes: [], place: '', date: '', perpetratorRelation: '', narrative: '' },
  victims: [emptyVictim()],
  perpetrators: [],
  traffickingStages: [],
  reporterPresent: false,
  reporter: { relation: '', anonymous: false, name: '', phone: '' },
});

/** The form's name in Drafts. */
const DRAFT = 'register-complaint';

/**
 * The form's draft, kept encrypted (Drafts) a moment after each change, and
 * put back the first time she opens the form after signing in again (the tab
 * was closed); what she typed first is never overwritten by it.
 * `body[data-draft]` says `saved` once the last change is stored.
 */
function useDraft(form: UseFormReturn<ComplaintForm>, drafts: Drafts | undefined) {
  const [restored, setRestored] = useState(false);
  const edited = useRef(false);
  const quiet = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!drafts) return;
    let live = true;
    void drafts.load<ComplaintForm>(DRAFT).then((draft) => {
      if (!live) return;
      drafts.settle(DRAFT);
      if (!draft || edited.current) return;
      quiet.current = true;
      form.reset(draft);
      quiet.current = false;
      setRestored(true);
    });
    const watching = form.watch(() => {
      if (quiet.current) return;
      edited.current = true;
      document.body.dataset.draft = 'pending';
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void drafts.save(DRAFT, form.getValues()).then((kept) => {
          if (kept && live) document.body.dataset.draft = 'saved';
        });
      }, 300);
    });
    return () => {
      live = false;
      clearTimeout(timer.current);
      watching.unsubscribe();
    };
  }, [drafts, form]);
  /** The draft is done with: the case is saved, or she throws it away. */
  const forget = (clearForm: boolean) => {
    clearTimeout(timer.current);
    setRestored(false);
    if (clearForm) {
      quiet.current = true;
      form.reset(emptyComplaint());
      quiet.current = false;
    }
    delete document.body.dataset.draft;
    void drafts?.discard(DRAFT);
  };
  return { restored, forget, kept: !!drafts };
}

export function RegisterComplaintPage({ api, drafts }: { api: IntakeClient; drafts?: Drafts }) {
  const { t, dict } = useI18n();
  const queries = useQueryClient();
  const form = useForm<ComplaintForm>({ mode: 'onChange', defaultValues: emptyComplaint() });
  const draft = useDraft(form, drafts);
  const { control } = form;
  const victims = useFieldArray({ control, name: 'victims' });
  const perpetrators = useFieldArray({ control, name: 'perpetrators' });
  const stages = useFieldArray({ control, name: 'traffickingStages' });
  const kind = useWatch({ control, name: 'kind' });
  const reporterPresent = useWatch({ control, name: 'reporterPresent' });
  const anonymous = useWatch({ control, name: 'reporter.anonymous' });
  const stageKinds = useWatch({ control, name: 'traffickingStages' });
  const [summary, setSummary] = useState<{ count: number; others: string[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per attempt: a double click (or a retry of a lost answer) sends the same one, so it registers one case.
  const key = useRef<string | null>(null);
  const sending = useRef(false);

  const register = useMutation({
    mutationFn: async (values: ComplaintForm) => {
      key.current ??= newIdempotencyKey();
      const { data, error, response } = await api.POST('/cases', {
        body: complaintBody(values),
        params: { header: { 'Idempotency-Key': key.current } },
      });
      return { data, error, status: response.status };
    },
    onSuccess: ({ data, error, status }, values) => {
      if (data) {
        draft.forget(false);
        queries.setQueryData(['case', data.id], data);
        queries.setQueryData(['registered', data.id], data);
        void queries.invalidateQueries({ queryKey: ['cases'] });
        navigate(`/cases/${data.id}`);
        return;
      }
      // Refused: the next attempt is another request, with a key of its own.
      key.current = null;
      if (status === 429) {
        const seconds = (error as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
        setFailure(t('lookupLimited', { seconds: typeof seconds === 'number' ? seconds : '?' }));
        return;
      }
      const fields = status === 400 ? fieldErrorsIn(error, dict) : null;
      if (!fields) {
        setFailure(t('saveFailed', { message: messageOf(error) }));
        return;
      }
      const known = fieldNames(values);
      const others: string[] = [];
      let first = true;
      for (const [path, message] of Object.entries(fields)) {
        if (known.has(path)) {
          form.setError(path as Path<ComplaintForm>, { type: 'api', message }, { shouldFocus: first });
          first = false;
        } else others.push(`${path}: ${message}`);
      }
      setSummary({ count: Object.keys(fields).length, others });
    },
    onError: (err) => {
      key.current = null;
      setFailure(t('saveFailed', { message: messageOf(err) }));
    },
    onSettled: () => {
      sending.current = false;
    },
  });

  const submit = form.handleSubmit(
    (values) => {
      if (sending.current) return;
      sending.current = true;
      setSummary(null);
      setFailure(null);
      register.mutate(values);
    },
    // A structure check failed as she typed (a NIK of the wrong length): the API is still the judge, so send it.
    () => {
      if (sending.current) return;
      sending.current = true;
      setSummary(null);
      setFailure(null);
      register.mutate(form.getValues());
    },
  );

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{t('registerTitle')}</h1>
      {draft.kept ? <p className="hint">{t('draftNote')}</p> : null}
      {draft.restored ? (
        <p role="status" className="notice" id="draft-restored">
          {t('draftRestored')}{' '}
          <Button className="link-button" id="discard-draft" onPress={() => draft.forget(true)}>
            {t('discardDraft')}
          </Button>
        </p>
      ) : null}
      {summary ? (
        <div role="alert" className="error-summary" id="error-summary">
          <p>{t('fieldErrors', { n: summary.count })}</p>
          {summary.others.length ? (
            <ul>
              {summary.others.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {failure ? (
        <p role="alert" className="error-summary">
          {failure}
        </p>
      ) : null}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e);
        }}
        validationBehavior="aria"
      >
        <fieldset className="step">
          <legend>{t('stepComplaint')}</legend>
          <div className="grid">
            <SelectInput
              control={control}
              name="channel"
              label={t('channel')}
              options={optionsOf(COMPLAINT_CHANNELS, dict.channel)}
              isRequired
            />
            <SelectInput control={control} name="kind" label={t('kind')} options={optionsOf(CASE_KINDS, dict.caseKind)} isRequired />
            <TextInput control={control} name="district" label={t('district')} isRequired />
          </div>
          <RadioInput
            control={control}
            name="riskLevel"
            label={t('riskLevel')}
            isRequired
            options={RISK_LEVELS.map((r) => ({ id: r, label: dict.riskLevel[r], description: dict.riskGuidance[r] }))}
          />
        </fieldset>
        <fieldset className="step">
          <legend>{t('stepIncident')}</legend>
          <CheckboxesInput
            control={control}
            name="incident.violenceTypes"
            label={t('violenceTypes')}
            options={optionsOf(VIOLENCE_TYPES, dict.violenceType)}
            isRequired
          />
          <div className="grid">
            <SelectInput
              control={control}
              name="incident.place"
              label={t('incidentPlace')}
              options={optionsOf(INCIDENT_PLACES, dict.incidentPlace)}
              isRequired
            />
            <TextInput control={control} name="incident.date" label={t('incidentDate')} type="date" />
            <SelectInput
              control={control}
              name="incident.perpetratorRelation"
              label={t('perpetratorRelation')}
              options={optionsOf(PERPETRATOR_RELATIONS, dict.relation)}
            />
          </div>
          <TextInput control={control} name="incident.narrative" label={t('narrative')} multiline />
        </fieldset>
        <fieldset className="step">
          <legend>{t('stepVictims')}</legend>
          {victims.fields.map((f, i) => (
            <VictimFields
              key={f.id}
              control={control}
              index={i}
              onRemove={victims.fields.length > 1 ? () => victims.remove(i) : undefined}
            />
          ))}
          <Button className="secondary" id="add-victim" onPress={() => victims.append(emptyVictim())}>
            {t('addVictim')}
          </Button>
        </fieldset>
        <fieldset className="step">
          <legend>{t('stepPerpetrators')}</legend>
          {perpetrators.fields.map((f, i) => (
            <fieldset className="group" key={f.id}>
              <legend>{t('perpetrator', { n: i + 1 })}</legend>
              <div className="grid">
                <TextInput control={control} name={`perpetrators.${i}.name`} label={t('name')} />
                <SelectInput control={control} name={`perpetrators.${i}.sex`} label={t('sex')} options={optionsOf(SEXES, dict.sex)} />
                <TextInput control={control} name={`perpetrators.${i}.ageYears`} label={t('ageYears')} inputMode="numeric" />
                <SelectInput
                  control={control}
                  name={`perpetrators.${i}.relation`}
                  label={t('relation')}
                  options={optionsOf(PERPETRATOR_RELATIONS, dict.relation)}
                  isRequired
                />
              </div>
              <Button className="secondary" onPress={() => perpetrators.remove(i)}>
                {t('removePerpetrator', { n: i + 1 })}
              </Button>
            </fieldset>
          ))}
          <Button className="secondary" id="add-perpetrator" onPress={() => perpetrators.append(emptyPerpetrator())}>
            {t('addPerpetrator')}
          </Button>
        </fieldset>
        <fieldset className="step">
          <legend>{t('stepTrafficking')}</legend>
          {kind !== 'trafficking' ? <p className="hint">{t('noTrafficking')}</p> : null}
          {kind === 'trafficking'
            ? stages.fields.map((f, i) => (
                <fieldset className="group" key={f.id}>
                  <legend>{`${t('stage')} ${i + 1}`}</legend>
                  <div className="grid">
                    <SelectInput
                      control={control}
                      name={`traffickingStages.${i}.stage`}
                      label={t('stage')}
                      options={optionsOf(TRAFFICKING_STAGES, dict.traffickingStage)}
                      isRequired
                    />
                    <TextInput control={control} name={`traffickingStages.${i}.place`} label={t('place')} isRequired />
                    <TextInput control={control} name={`traffickingStages.${i}.country`} label={t('country')} />
                    <TextInput control={control} name={`traffickingStages.${i}.date`} label={t('date')} type="date" />
                    {stageKinds?.[i]?.stage === 'exploitation' ? (
                      <SelectInput
                        control={control}
                        name={`traffickingStages.${i}.exploitationType`}
                        label={t('exploitationType')}
                        options={optionsOf(EXPLOITATION_TYPES, dict.exploitationType)}
                        isRequired
                      />
                    ) : null}
                  </div>
                  <TextInput control={control} name={`traffickingStages.${i}.notes`} label={t('notes')} multiline />
                  <Button className="secondary" onPress={() => stages.remove(i)}>
                    {t('removeStage', { n: i + 1 })}
                  </Button>
                </fieldset>
              ))
            : null}
          {kind === 'trafficking' ? (
            <Button className="secondary" id="add-stage" onPress={() => stages.append(emptyStage())}>
              {t('addStage')}
            </Button>
          ) : null}
        </fieldset>
        <fieldset className="step">
          <legend>{t('stepReporter')}</legend>
          <CheckboxInput control={control} name="reporterPresent" label={t('reporterPresent')} />
          {reporterPresent ? (
            <div className="grid">
              <SelectInput
                control={control}
                name="reporter.relation"
                label={t('reporterRelation')}
                options={optionsOf(REPORTER_RELATIONS, dict.reporterRelation)}
                isRequired
              />
              <CheckboxInput control={control} name="reporter.anonymous" label={t('anonymous')} />
              {!anonymous ? <TextInput control={control} name="reporter.name" label={t('reporterName')} /> : null}
              {!anonymous ? <TextInput control={control} name="reporter.phone" label={t('reporterPhone')} type="tel" /> : null}
            </div>
          ) : null}
        </fieldset>
        <Button type="submit" className="primary" id="submit-complaint" isDisabled={register.isPending}>
          {register.isPending ? t('submitting') : t('submit')}
        </Button>
      </Form>
    </section>
  );
}
