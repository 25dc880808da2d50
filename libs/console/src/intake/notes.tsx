import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { Section, useAction } from '../action.js';
import type { IntakeClient, Schemas } from '../api.js';
import { TextInput } from '../fields.js';
import { useDates, useI18n } from '../i18n.js';
import { newIdempotencyKey } from '../session.js';
import type { CaseSectionProps } from './case-section.js';

type FollowUp = Schemas['FollowUpView'];

/** A follow-up's state in the page's words. */
export function useFollowUpState() {
  const { t } = useI18n();
  return (f: FollowUp) =>
    t(
      f.state === 'done'
        ? 'followUpFinished'
        : f.state === 'overdue'
          ? 'followUpOverdue'
          : f.state === 'due'
            ? 'followUpDueToday'
            : 'followUpOpen',
    );
}

/** The case's notes and follow-ups: kept at intake only; a follow-up shows when it is due or overdue. */
export function NotesSection({ api, caseId, closed, refresh }: CaseSectionProps) {
  const { t } = useI18n();
  const { dateTime } = useDates();
  const stateOf = useFollowUpState();
  const queries = useQueryClient();
  const notes = useQuery({
    queryKey: ['notes', caseId],
    queryFn: async () => (await api.GET('/cases/{id}/notes', { params: { path: { id: caseId } } })).data,
  });
  const reload = () => {
    void queries.invalidateQueries({ queryKey: ['notes', caseId] });
    void queries.invalidateQueries({ queryKey: ['follow-ups-due'] });
    refresh();
  };
  const noteForm = useForm<{ body: string }>({ defaultValues: { body: '' } });
  const write = useAction(
    noteForm,
    (v, key) =>
      api.POST('/cases/{id}/notes', { params: { path: { id: caseId }, header: { 'Idempotency-Key': key } }, body: { body: v.body } }),
    reload,
  );
  const followUpForm = useForm<{ task: string; dueOn: string }>({ defaultValues: { task: '', dueOn: '' } });
  const set = useAction(
    followUpForm,
    (v, key) =>
      api.POST('/cases/{id}/follow-ups', {
        params: { path: { id: caseId }, header: { 'Idempotency-Key': key } },
        body: { task: v.task, dueOn: v.dueOn },
      }),
    reload,
  );
  const done = useMutation({
    mutationFn: (f: FollowUp) =>
      api.POST('/cases/{id}/follow-ups/{followUpId}/done', {
        params: { path: { id: caseId, followUpId: f.id }, header: { 'Idempotency-Key': newIdempotencyKey() } },
      }),
    onSuccess: reload,
  });
  return (
    <Section id="notes" title={t('caseNotes')}>
      <p className="hint">{t('notesHint')}</p>
      <h3>{t('followUps')}</h3>
      {notes.data?.followUps.length ? (
        <ul className="follow-ups">
          {notes.data.followUps.map((f) => (
            <li key={f.id} data-follow-up={f.id} data-state={f.state} className={f.state === 'overdue' ? 'warning' : undefined}>
              {t('followUpLine', { task: f.task, due: f.dueOn })} · <strong>{stateOf(f)}</strong>
              {f.state !== 'done' && !closed ? (
                <Button className="link-button" onPress={() => done.mutate(f)} isDisabled={done.isPending}>
                  {t('markFollowUpDone')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noFollowUps')}</p>
      )}
      {!closed ? (
        <>
          <Form onSubmit={(e) => void set.onSubmit(e)} className="inline-form" aria-label={t('setFollowUp')}>
            <TextInput control={followUpForm.control} name="task" label={t('followUpTask')} isRequired />
            <TextInput control={followUpForm.control} name="dueOn" label={t('followUpDueOn')} type="date" isRequired />
            <Button type="submit" className="secondary" isDisabled={set.pending}>
              {t('setFollowUp')}
            </Button>
          </Form>
          {set.status}
        </>
      ) : null}
      <h3>{t('noteBody')}</h3>
      {notes.data?.notes.length ? (
        <ul className="notes">
          {notes.data.notes.map((n) => (
            <li key={n.id} data-note={n.id}>
              <time dateTime={n.writtenAt}>{dateTime(n.writtenAt)}</time> {n.body}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noNotes')}</p>
      )}
      {!closed ? (
        <>
          <Form onSubmit={(e) => void write.onSubmit(e)} aria-label={t('writeNote')}>
            <TextInput control={noteForm.control} name="body" label={t('noteBody')} multiline isRequired />
            <Button type="submit" className="secondary" isDisabled={write.pending}>
              {t('writeNote')}
            </Button>
          </Form>
          {write.status}
        </>
      ) : null}
    </Section>
  );
}

/** Her own follow-ups due today or overdue, on every case: shown on her case list. */
export function DueFollowUps({ api }: { api: IntakeClient }) {
  const { t } = useI18n();
  const stateOf = useFollowUpState();
  const due = useQuery({
    queryKey: ['follow-ups-due'],
    queryFn: async () => (await api.GET('/follow-ups/due')).data ?? [],
  });
  return (
    <section aria-labelledby="due-title" className="card">
      <h2 id="due-title">{t('dueFollowUps')}</h2>
      {due.data?.length ? (
        <ul className="follow-ups">
          {due.data.map((f) => (
            <li key={f.id} data-follow-up={f.id} data-state={f.state} className={f.state === 'overdue' ? 'warning' : undefined}>
              <a href={`#/cases/${f.caseId}`}>{f.caseNumber}</a>: {t('followUpLine', { task: f.task, due: f.dueOn })} ·{' '}
              <strong>{stateOf(f)}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noDueFollowUps')}</p>
      )}
    </section>
  );
}
