import { useQuery } from '@tanstack/react-query';
import type { IntakeClient } from '../api.js';
import { useDates, useI18n } from '../i18n.js';

/** Her own cases (and those shared with her), newest first. */
export function CaseListPage({ api }: { api: IntakeClient }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const cases = useQuery({
    queryKey: ['cases'],
    queryFn: async () => {
      const { data, error } = await api.GET('/cases', { params: { query: { mine: true } } });
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
