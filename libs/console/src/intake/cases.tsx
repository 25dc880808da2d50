import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Form, Input, Label, Radio, RadioGroup, TextField } from 'react-aria-components';
import type { IntakeClient } from '../api.js';
import type { Dictionary } from '../../../contracts/src/domain/labels.js';
import { useDates, useI18n } from '../i18n.js';
import { useAgencies } from './handovers.js';
import { DueFollowUps } from './notes.js';

/** The work lists she picks from: her cases, or the cases and referrals that wait on her. */
const FILTERS = ['mine', 'overdue', 'waiting', 'declined'] as const;
type Filter = (typeof FILTERS)[number];
const FILTER_LABEL = {
  mine: 'filterMine',
  overdue: 'filterOverdue',
  waiting: 'filterWaiting',
  declined: 'filterDeclined',
} as const satisfies Record<Filter, keyof Dictionary['console']>;

/** One row of a work list: a case, and (waiting, declined) the referral that waits. */
interface Row {
  key: string;
  caseId: string;
  caseNumber: string;
  /** Kind and status of a case; service and agency of a referral. */
  what: string;
  state: string;
  at: string;
}

/** Her own cases (and those shared with her), newest first; the work lists; a search by case number. */
export function CaseListPage({ api }: { api: IntakeClient }) {
  const { t, dict } = useI18n();
  const { dateTime } = useDates();
  const agencies = useAgencies(api);
  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  const [filter, setFilter] = useState<Filter>('mine');
  const [number, setNumber] = useState('');
  const [searched, setSearched] = useState('');
  const rows = useQuery({
    queryKey: ['cases', searched ? 'search' : filter, searched],
    queryFn: async (): Promise<Row[]> => {
      if (searched || filter === 'mine') {
        const { data, error } = await api.GET('/cases', { params: { query: searched ? { number: searched } : { mine: true } } });
        if (error) throw new Error(JSON.stringify(error));
        return data.map((c) => ({
          key: c.id,
          caseId: c.id,
          caseNumber: c.caseNumber,
          what: dict.caseKind[c.kind],
          state: dict.caseStatus[c.status],
          at: c.registeredAt,
        }));
      }
      if (filter === 'overdue') {
        const { data, error } = await api.GET('/triage/overdue');
        if (error) throw new Error(JSON.stringify(error));
        return data.map((c) => ({
          key: c.id,
          caseId: c.id,
          caseNumber: c.caseNumber,
          what: dict.riskLevel[c.riskLevel],
          state: t('dueSince', { at: dateTime(c.firstResponseDueAt) }),
          at: c.registeredAt,
        }));
      }
      const { data, error } = await api.GET(filter === 'waiting' ? '/referrals/waiting' : '/referrals/declined');
      if (error) throw new Error(JSON.stringify(error));
      return data.map((r) => ({
        key: r.id,
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        what: `${dict.service[r.service]} · ${agencyName(r.agencyId)}`,
        state: dict.referralState[filter === 'waiting' ? 'requested' : 'declined'],
        at: 'requestedAt' in r ? r.requestedAt : r.declinedAt,
      }));
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
      <RadioGroup
        className="field radios filters"
        orientation="horizontal"
        value={searched ? null : filter}
        onChange={(v) => {
          setSearched('');
          setNumber('');
          setFilter(v as Filter);
        }}
      >
        <Label>{t('listFilter')}</Label>
        {FILTERS.map((f) => (
          <Radio key={f} value={f} data-filter={f}>
            <span className="dot" aria-hidden="true" />
            <span>{t(FILTER_LABEL[f])}</span>
          </Radio>
        ))}
      </RadioGroup>
      {rows.isPending ? <p>{t('loading')}</p> : null}
      {rows.isError ? <p role="alert">{t('loadFailed')}</p> : null}
      {rows.data && rows.data.length === 0 ? <p>{filter === 'mine' || searched ? t('noCases') : t('nothingWaits')}</p> : null}
      {rows.data && rows.data.length ? (
        <table className="list" data-list={searched ? 'search' : filter}>
          <thead>
            <tr>
              <th scope="col">{t('caseNumber')}</th>
              <th scope="col">{filter === 'waiting' || filter === 'declined' ? t('service') : t('kind')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('registeredAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.data.map((r) => (
              <tr key={r.key}>
                <td>
                  <a href={`#/cases/${r.caseId}`}>{r.caseNumber}</a>
                </td>
                <td>{r.what}</td>
                <td>{r.state}</td>
                <td>{dateTime(r.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
