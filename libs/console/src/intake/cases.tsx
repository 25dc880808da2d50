import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import type { IntakeClient } from '../api.js';
import { useDates, useI18n } from '../i18n.js';
import { DueFollowUps } from './notes.js';

/** Her own cases (and those shared with her), newest first. */
export function CaseListPage({ api }: { api: IntakeClient }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  // Her cases, or a search by case number across the cases she may see.
  const [number, setNumber] = useState('');
  const [searched, setSearched] = useState('');
  const cases = useQuery({
    queryKey: ['cases', searched],
    queryFn: async () => {
      const query = searched ? { number: searched } : { mine: true };
      const { data, error } = await api.GET('/cases', { params: { query } });
      if (error) throw new Error(JSON.stringify(error));
      return data;
    },
  });
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t('casesTitle')}</h1>
      <p>
        <a className="button primary" href="#/register">
          {t('navRegister')}
        </a>
      </p>
      <DueFollowUps api={api} />
      <Form
        className="inline-form"
        role="search"
        aria-label={t('searchNumber')}
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(number.trim());
        }}
      >
        <TextField className="field" name="number" value={number} onChange={setNumber}>
          <Label>{t('searchNumber')}</Label>
          <Input />
        </TextField>
        <Button type="submit" className="secondary">
          {t('search')}
        </Button>
      </Form>
      {cases.isPending ? <p>{t('loading')}</p> : null}
      {cases.isError ? <p role="alert">{t('loadFailed')}</p> : null}
      {cases.data && cases.data.length === 0 ? <p>{t('noCases')}</p> : null}
      {cases.data && cases.data.length ? (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('caseNumber')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('registeredAt')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.data.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`#/cases/${c.id}`}>{c.caseNumber}</a>
                </td>
                <td>{dict.caseKind[c.kind]}</td>
                <td>{dict.caseStatus[c.status]}</td>
                <td>{dateTime(c.registeredAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
