import { useQuery } from '@tanstack/react-query';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import {
  ACCOMPANIMENT_DESTINATIONS,
  MEDIATION_OUTCOMES,
  MEDIATION_PARTIES,
  type AccompanimentDestination,
  type MediationOutcome,
  type MediationParty,
} from '../../../contracts/src/domain/vocabulary.js';
import { Section, useAction, type Answer } from '../action.js';
import type { IntakeClient, IntakePaths } from '../api.js';
import { CheckboxesInput, optionsOf, SelectInput, TextInput } from '../fields.js';
import { useI18n } from '../i18n.js';
import type { Session } from '../session.js';
import { today } from '../shelter/board.js';

export type CaseView = IntakePaths['/cases/{id}']['get']['responses'][200]['content']['application/json'];

/** The names typed one a line (or comma-separated), as the API's `staff` list. */
export const staffList = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * An answer whose field errors name one item of a list (`staff.0`) put at the
 * list's one field (`staff`), where the page shows them.
 */
export function atListField(answer: Answer, list: string): Answer {
  const error = answer.error as { fields?: Record<string, string[]>; rules?: Record<string, string[]> } | undefined;
  if (answer.response.status !== 400 || !error?.fields) return answer;
  const item = new RegExp(`^${list}\\.[0-9]+$`);
  const merge = (byPath: Record<string, string[]> = {}) => {
    const merged: Record<string, string[]> = {};
    for (const [path, values] of Object.entries(byPath)) {
      const at = item.test(path) ? list : path;
      merged[at] = [...new Set([...(merged[at] ?? []), ...values])];
    }
    return merged;
  };
  return { ...answer, error: { ...error, fields: merge(error.fields), rules: merge(error.rules) } };
}

/** The timeline's words for a mediation (`agreement (victim, family), held 2026-11-30`), read back into codes. */
function mediationDetail(detail: string | undefined) {
  const m = /^([a-z-]+) \(([a-z, -]*)\), held (\d{4}-\d{2}-\d{2})$/.exec(detail ?? '');
  return m ? { outcome: m[1], parties: m[2].split(', '), day: m[3] } : null;
}

/** The timeline's words for an accompaniment (`police, 2026-11-30`), read back into codes. */
function accompanimentDetail(detail: string | undefined) {
  const m = /^([a-z-]+), (\d{4}-\d{2}-\d{2})$/.exec(detail ?? '');
  return m ? { destination: m[1], day: m[2] } : null;
}

/**
 * The UPTD PPA's own functions on a case: a mediation (never in a case of
 * sexual violence: the API refuses it, 422, and the page says why in the
 * dictionary's words) and an accompaniment of one of its victims, each
 * counted by reporting. What was recorded is read from the case's timeline
 * (the API keeps no other list of them).
 */
export function FunctionsSection({
  api,
  session,
  view,
  refresh,
}: {
  api: IntakeClient;
  session: Session;
  view: CaseView;
  refresh: () => void;
}) {
  const { t, dict } = useI18n();
  const caseId = view.id;
  const closed = !!view.closure;
  const sexualViolence = view.incident.violenceTypes.includes('sexual');
  const me = session.staffId() ?? '';
  // The case page's own timeline query (same key): its refresh reloads this list too.
  const timeline = useQuery({
    queryKey: ['timeline', caseId],
    queryFn: async () => (await api.GET('/cases/{id}/timeline', { params: { path: { id: caseId } } })).data ?? [],
  });
  const victimOptions = view.victims.map((v) => ({ id: v.id, label: v.name }));
  const nameOf = (victimId: string | undefined) => view.victims.find((v) => v.id === victimId)?.name ?? '—';
  const oneVictim = view.victims.length === 1 ? view.victims[0].id : '';

  const mediationForm = useForm<{ victimId: string; heldOn: string; parties: string[]; outcome: string; agreement: string }>({
    defaultValues: { victimId: oneVictim, heldOn: today(), parties: [], outcome: '', agreement: '' },
  });
  const mediation = useAction(
    mediationForm,
    async (v, key) => {
      const answer = await api.POST('/cases/{id}/mediations', {
        params: { path: { id: caseId }, header: { 'Idempotency-Key': key } },
        body: {
          victimId: v.victimId,
          heldOn: v.heldOn,
          parties: v.parties as MediationParty[],
          outcome: v.outcome as MediationOutcome,
          agreement: v.agreement.trim() !== '' ? v.agreement : undefined,
        },
      });
      // The one refusal of this route that is not about a field: a sexual violence case (UU 12/2022), in the page's words.
      return answer.response.status === 422 ? { ...answer, error: { message: t('mediationRefused') } } : answer;
    },
    refresh,
  );
  const accompanimentForm = useForm<{ victimId: string; accompaniedOn: string; destination: string; staff: string; note: string }>({
    defaultValues: { victimId: oneVictim, accompaniedOn: today(), destination: '', staff: me, note: '' },
  });
  const accompaniment = useAction(
    accompanimentForm,
    async (v, key) =>
      atListField(
        await api.POST('/cases/{id}/accompaniments', {
          params: { path: { id: caseId }, header: { 'Idempotency-Key': key } },
          body: {
            victimId: v.victimId,
            accompaniedOn: v.accompaniedOn,
            destination: v.destination as AccompanimentDestination,
            staff: staffList(v.staff),
            note: v.note.trim() !== '' ? v.note : undefined,
          },
        }),
        'staff',
      ),
    refresh,
  );

  const entries = timeline.data ?? [];
  const mediations = entries.filter((e) => e.what === 'mediation.recorded');
  const accompaniments = entries.filter((e) => e.what === 'accompaniment.recorded');
  return (
    <Section id="functions" title={t('functionsTitle')}>
      <p className="hint">{t('functionsHint')}</p>
      <h3>{t('accompanimentsRecorded')}</h3>
      {accompaniments.length ? (
        <ul className="functions">
          {accompaniments.map((e, i) => {
            const d = accompanimentDetail(e.detail);
            return (
              <li key={i} data-accompaniment={d?.destination ?? ''}>
                {d
                  ? t('accompanimentLine', {
                      day: d.day,
                      victim: nameOf(e.victimId),
                      destination: (dict.accompanimentDestination as Record<string, string>)[d.destination] ?? d.destination,
                    })
                  : `${dict.timelineEntry['accompaniment.recorded']} · ${nameOf(e.victimId)}`}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t('noAccompaniments')}</p>
      )}
      {!closed ? (
        <>
          <Form onSubmit={(e) => void accompaniment.onSubmit(e)} aria-label={t('recordAccompaniment')} id="record-accompaniment">
            <div className="grid">
              <SelectInput control={accompanimentForm.control} name="victimId" label={t('forVictim')} options={victimOptions} isRequired />
              <TextInput control={accompanimentForm.control} name="accompaniedOn" label={t('accompaniedOn')} type="date" isRequired />
              <SelectInput
                control={accompanimentForm.control}
                name="destination"
                label={t('accompanimentDestination')}
                options={optionsOf(ACCOMPANIMENT_DESTINATIONS, dict.accompanimentDestination)}
                isRequired
              />
            </div>
            <TextInput
              control={accompanimentForm.control}
              name="staff"
              label={t('staffAccompanying')}
              description={t('staffHint')}
              multiline
              isRequired
            />
            <TextInput control={accompanimentForm.control} name="note" label={t('functionNote')} multiline />
            <Button type="submit" className="secondary" isDisabled={accompaniment.pending}>
              {t('recordAccompaniment')}
            </Button>
          </Form>
          {accompaniment.status}
        </>
      ) : null}
      <h3>{t('mediationsRecorded')}</h3>
      {mediations.length ? (
        <ul className="functions">
          {mediations.map((e, i) => {
            const d = mediationDetail(e.detail);
            return (
              <li key={i} data-mediation={d?.outcome ?? ''}>
                {d
                  ? t('mediationLine', {
                      day: d.day,
                      victim: nameOf(e.victimId),
                      outcome: (dict.mediationOutcome as Record<string, string>)[d.outcome] ?? d.outcome,
                      parties: d.parties.map((p) => (dict.mediationParty as Record<string, string>)[p] ?? p).join(', '),
                    })
                  : `${dict.timelineEntry['mediation.recorded']} · ${nameOf(e.victimId)}`}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t('noMediations')}</p>
      )}
      {sexualViolence ? (
        <p className="warning" data-no-mediation>
          {t('noMediationInSexualViolence')}
        </p>
      ) : null}
      {!closed ? (
        <>
          <Form onSubmit={(e) => void mediation.onSubmit(e)} aria-label={t('recordMediation')} id="record-mediation">
            <div className="grid">
              <SelectInput control={mediationForm.control} name="victimId" label={t('forVictim')} options={victimOptions} isRequired />
              <TextInput control={mediationForm.control} name="heldOn" label={t('mediationHeldOn')} type="date" isRequired />
              <SelectInput
                control={mediationForm.control}
                name="outcome"
                label={t('mediationOutcome')}
                options={optionsOf(MEDIATION_OUTCOMES, dict.mediationOutcome)}
                isRequired
              />
            </div>
            <CheckboxesInput
              control={mediationForm.control}
              name="parties"
              label={t('mediationParties')}
              options={optionsOf(MEDIATION_PARTIES, dict.mediationParty)}
              isRequired
            />
            <TextInput
              control={mediationForm.control}
              name="agreement"
              label={t('mediationAgreement')}
              description={t('mediationAgreementHint')}
              multiline
            />
            <Button type="submit" className="secondary" isDisabled={mediation.pending}>
              {t('recordMediation')}
            </Button>
          </Form>
          {mediation.status}
        </>
      ) : null}
    </Section>
  );
}
